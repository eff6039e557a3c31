using Bunit;
using CheckpointDashboard.Dashboard.Components.Pages;
using CheckpointDashboard.Shared.Bulk;
using CheckpointDashboard.Shared.Inventory;
using CheckpointDashboard.Shared.Policies;
using CheckpointDashboard.Tests.Unit.TestSupport;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>Policies and compliance: counts with reasons, live recomputation, the editor, suggestions, delete and remediate.</summary>
public sealed class PoliciesPageTests : DashboardTestContext
{
    private static readonly VirtualMachine s_dc1 = Fleets.Vm("BR1-DC01", host: "HV-BRANCH01", type: CheckpointType.Standard);
    private static readonly VirtualMachine s_dc2 = Fleets.Vm("BR2-DC01", host: "HV-BRANCH02", type: CheckpointType.ProductionOnly);
    private static readonly VirtualMachine s_dc3 = Fleets.Vm("PRD-DC01", host: "PROD-HV01", cluster: "PROD", type: CheckpointType.Production,
        staleSince: Fleets.Now.AddMinutes(-3));
    private static readonly VirtualMachine s_web = Fleets.Vm("PRD-WEB01", host: "PROD-HV01", cluster: "PROD");

    private readonly CheckpointPolicy _dcs = new()
    {
        Id = Guid.NewGuid(),
        Name = "DCs use ProductionOnly",
        Scope = new VmSelector { NamePattern = "*-DC*" },
        Target = new CheckpointSettingsTarget(CheckpointType.ProductionOnly, null),
        Priority = 200,
        Version = 1,
        UpdatedBy = "alice",
    };

    public PoliciesPageTests()
        : base(Fleets.Snapshot([s_dc1, s_dc2, s_dc3, s_web]))
    {
        Policies.Add(_dcs);
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void Render_ShowsFleetCountsPolicyCountsAndNonCompliantVmsWithTheirReason()
    {
        var cut = Render<PoliciesPage>();

        cut.WaitForAssertion(() => Assert.Contains("1 compliant · 1 non-compliant · 1 unknown", cut.Find("[data-testid=policy-compliance]").Text(),
            StringComparison.Ordinal), TestTimeouts.Short);
        Assert.Contains("Non-compliant 1", cut.Find("[data-testid=compliance-NonCompliant]").Text(), StringComparison.Ordinal);
        Assert.Contains("No policy 1", cut.Find("[data-testid=compliance-NoPolicy]").Text(), StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid=compliance-vms] tbody tr.mud-table-row").Select(r => r.Text()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("BR1-DC01", StringComparison.Ordinal) &&
                                   r.Contains("is Standard, should be ProductionOnly ('DCs use ProductionOnly')", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("PRD-DC01", StringComparison.Ordinal) && r.Contains("PROD-HV01 is not answering", StringComparison.Ordinal));
        Assert.Contains("HV-BRANCH01 0 1 0 0", cut.TableRows("compliance-hosts"));
    }

    [Fact]
    public void Remediate_HandsTheNonCompliantVmsAndThePolicysSettingsToTheBulkPage()
    {
        var cut = Render<PoliciesPage>();
        cut.WaitForAssertion(() => cut.Button("Remediate 1"), TestTimeouts.Short);

        cut.Button("Remediate 1").Click();

        Assert.EndsWith("/bulk", Navigation.Uri, StringComparison.Ordinal);
        var offer = Handoff.Take();
        Assert.NotNull(offer);
        Assert.Equal([s_dc1.Id], offer.Selector.VmIds);
        Assert.Equal(_dcs.Target, offer.Target);
        Assert.Equal("non-compliant with 'DCs use ProductionOnly'", offer.Origin);
    }

    [Fact]
    public void InventoryChange_RecomputesComplianceLive()
    {
        var cut = Render<PoliciesPage>();
        cut.WaitForAssertion(() => cut.Button("Remediate 1"), TestTimeouts.Short);

        Inventory.Publish(Fleets.Snapshot([s_dc1 with { CheckpointType = CheckpointType.ProductionOnly }, s_dc2, s_dc3, s_web], version: 2));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("2 compliant · 1 unknown", cut.Find("[data-testid=policy-compliance]").Text());
            Assert.Empty(cut.Buttons("Remediate 1"));
        }, TestTimeouts.Short);
    }

    [Fact]
    public async Task PolicySavedElsewhere_AppearsWithoutReload()
    {
        var cut = Render<PoliciesPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=policy-row]")), TestTimeouts.Short);

        await Policies.SaveAsync(_dcs with { Id = Guid.NewGuid(), Name = "Web tier", Scope = new VmSelector { NamePattern = "*WEB*" }, Version = 0 },
            "bob", CancellationToken.None);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=policy-row]").Count), TestTimeouts.Short);
    }

    [Fact]
    public void AddPolicy_SavesWhatWasTyped_AndAnEmptyNameIsRefusedInPlace()
    {
        var cut = Render<PoliciesPage>();
        cut.WaitForAssertion(() => cut.Button("Add policy"), TestTimeouts.Short);
        cut.Button("Add policy").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Dialog("Add policy"), TestTimeouts.Short);
        Dialogs.Find("#policy-name-pattern").Change("*WEB*");
        Assert.Contains("Matches 1 of 4 VMs now", Dialogs.Find("[data-testid=policy-matches]").Text(), StringComparison.Ordinal);

        Dialogs.DialogButton("Add policy", "Save policy").Click();
        Assert.Contains("name: is required.", Dialogs.Find("[data-testid=policy-errors]").Text(), StringComparison.Ordinal);
        Assert.Empty(Policies.Saves);

        Dialogs.Find("#policy-display-name").Input("Web tier uses Production");
        Dialogs.DialogButton("Add policy", "Save policy").Click();

        var (saved, user) = Assert.Single(Policies.Saves);
        Assert.Equal("local", user);
        Assert.Equal("Web tier uses Production", saved.Name);
        Assert.Equal("*WEB*", saved.Scope.NamePattern);
        Assert.Equal(new CheckpointSettingsTarget(CheckpointType.Production, null), saved.Target);
        Assert.NotEqual(_dcs.Id, saved.Id);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=policy-row]").Count), TestTimeouts.Short);
        Assert.Empty(Dialogs.DialogsTitled("Add policy"));
    }

    [Fact]
    public void EditPolicy_SomeoneElseSavedFirst_TheRefusalIsShownAndTheDialogStays()
    {
        var cut = Render<PoliciesPage>();
        cut.WaitForAssertion(() => cut.Button("Edit DCs use ProductionOnly"), TestTimeouts.Short);
        cut.Button("Edit DCs use ProductionOnly").Click();
        const string Title = "Edit policy 'DCs use ProductionOnly'";
        Dialogs.WaitForAssertion(() => Dialogs.Dialog(Title), TestTimeouts.Short);
        Policies.Add(_dcs with { Version = 2, UpdatedBy = "bob" });

        Dialogs.DialogButton(Title, "Save policy").Click();

        Assert.Contains("was changed by bob (version 2); you sent version 1", Dialogs.Find("[data-testid=policy-errors]").Text(), StringComparison.Ordinal);
        Assert.Single(Dialogs.DialogsTitled(Title));
    }

    [Fact]
    public void UseSuggestion_OpensTheEditorWithItAndSavesANewPolicy()
    {
        var suggestion = PolicySuggestions.All[1];
        var cut = Render<PoliciesPage>();
        cut.WaitForAssertion(() => Assert.Contains(suggestion.Name, cut.Find("[data-testid=policy-suggestions]").Text(), StringComparison.Ordinal),
            TestTimeouts.Short);
        var index = PolicySuggestions.All.ToList().IndexOf(suggestion);

        cut.FindAll("[data-testid=policy-suggestions] button")[index].Click();
        Dialogs.WaitForAssertion(() => Dialogs.Dialog("Add policy"), TestTimeouts.Short);
        Dialogs.DialogButton("Add policy", "Save policy").Click();

        var (saved, _) = Assert.Single(Policies.Saves);
        Assert.Equal(suggestion.Name, saved.Name);
        Assert.Equal(suggestion.Scope.Describe(), saved.Scope.Describe());
        Assert.Equal(suggestion.Target, saved.Target);
        Assert.NotEqual(suggestion.Id, saved.Id);
        cut.WaitForAssertion(() => Assert.DoesNotContain(suggestion.Name, cut.Find("[data-testid=policy-suggestions]").Text(), StringComparison.Ordinal),
            TestTimeouts.Short);
    }

    [Fact]
    public void Delete_AsksThenDeletes()
    {
        var cut = Render<PoliciesPage>();
        cut.WaitForAssertion(() => cut.Button("Delete DCs use ProductionOnly"), TestTimeouts.Short);

        cut.Button("Delete DCs use ProductionOnly").Click();
        Dialogs.WaitForAssertion(() => Dialogs.DialogButton("Delete policy", "Delete"), TestTimeouts.Short);
        Dialogs.DialogButton("Delete policy", "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal((_dcs.Id, "local"), Assert.Single(Policies.Deletes)), TestTimeouts.Short);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=policy-row]")), TestTimeouts.Short);
    }
}
