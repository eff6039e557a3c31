using System.Security.Claims;
using CheckpointDashboard.Dashboard.Security.Oidc;
using CheckpointDashboard.Tests.Unit.Dashboard.Reports;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Security.Oidc;

/// <summary>Groups (and app roles) to roles, for the claim shapes of Entra ID, Keycloak and ADFS.</summary>
public sealed class OidcRoleMapperTests : IDisposable
{
    private const string EntraOps = "6f1c2a3b-0d4e-4f5a-9b8c-7d6e5f4a3b21";
    private const string EntraAdmins = "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d";
    private const string AdfsGroup = "http://schemas.xmlsoap.org/claims/Group";

    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly OidcRoleMapper _mapper;

    public OidcRoleMapperTests()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));
        _mapper = new OidcRoleMapper(_loggers.CreateLogger<OidcRoleMapper>());
    }

    public void Dispose() => _loggers.Dispose();

    [Fact]
    public void Map_EntraGroupObjectIds_GiveTheirRoles()
    {
        var options = Options("groups", (EntraOps, "Operator"), (EntraAdmins, "Administrator"));

        var mapping = _mapper.Map([new("groups", EntraOps), new("groups", "11111111-2222-3333-4444-555555555555")], options);

        Assert.Equal(["Operator"], mapping.Roles.Select(r => r.Role));
        Assert.False(mapping.GroupsOverage);
        Assert.Equal(2, mapping.Groups.Length);
    }

    [Fact]
    public void Map_KeycloakGroupPaths_MatchWithOrWithoutTheLeadingSlash()
    {
        var options = Options("groups", ("/ops/hyperv", "Operator"), ("auditors", "Viewer"));

        var mapping = _mapper.Map([new("groups", "/ops/hyperv"), new("groups", "/auditors")], options);

        Assert.Equal(["Operator", "Viewer"], mapping.Roles.Select(r => r.Role));
    }

    [Fact]
    public void Map_KeycloakGroupsAsOneJsonArray_AreReadOneByOne()
    {
        var options = Options("groups", ("/ops", "Operator"));

        var mapping = _mapper.Map([new("groups", "[\"/finance\",\"/ops\"]")], options);

        Assert.Equal(["/finance", "/ops"], mapping.Groups);
        Assert.Equal(["Operator"], mapping.Roles.Select(r => r.Role));
    }

    [Fact]
    public void Map_AdfsGroupClaimType_IsReadWhenConfigured()
    {
        var options = Options(AdfsGroup, ("Hyper-V Admins", "Administrator"));

        var configured = _mapper.Map([new(AdfsGroup, "Hyper-V Admins")], options);
        var otherClaim = _mapper.Map([new("groups", "Hyper-V Admins")], options);

        Assert.Equal(["Administrator"], configured.Roles.Select(r => r.Role));
        Assert.Empty(otherClaim.Roles);
    }

    [Fact]
    public void Map_GroupInAnotherCase_StillMatches()
    {
        var options = Options("groups", ("HyperV-Operators", "Operator"), (EntraOps.ToUpperInvariant(), "Viewer"));

        var mapping = _mapper.Map([new("groups", "hyperv-OPERATORS"), new("groups", EntraOps)], options);

        Assert.Equal(["Operator", "Viewer"], mapping.Roles.Select(r => r.Role));
    }

    [Fact]
    public void Map_EntraAppRoles_CountAsGroups()
    {
        var options = Options("groups", ("Dashboard.Operators", "Operator"));

        var mapping = _mapper.Map([new(OidcRoleMapper.RolesClaim, "Dashboard.Operators")], options);

        Assert.Equal(["Operator"], mapping.Roles.Select(r => r.Role));
    }

    [Fact]
    public void Map_GroupsOverage_IgnoresGroups_KeepsAppRoles_AndWarns()
    {
        var options = Options("groups", (EntraOps, "Administrator"), ("Dashboard.Viewers", "Viewer"));
        Claim[] claims =
        [
            new(OidcRoleMapper.OverageClaim, "{\"groups\":\"src1\"}"),
            new("groups", EntraOps),
            new(OidcRoleMapper.RolesClaim, "Dashboard.Viewers"),
        ];

        var mapping = _mapper.Map(claims, options);

        Assert.True(mapping.GroupsOverage);
        Assert.Equal(["Viewer"], mapping.Roles.Select(r => r.Role));
        Assert.Contains(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("groups overage", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_NoOverage_LogsNothing()
    {
        _mapper.Map([new("groups", EntraOps)], Options("groups", (EntraOps, "Operator")));

        Assert.Empty(_logs.Lines);
    }

    [Fact]
    public void Map_ScopedMapping_CarriesItsClustersAndHosts()
    {
        var options = Options("groups");
        options.GroupRoles.Add(new OidcGroupRole { Group = "prod-ops", Role = "Operator", Clusters = ["PROD", " ", "prod"], Hosts = ["HV-DR-01"] });

        var role = Assert.Single(_mapper.Map([new("groups", "prod-ops")], options).Roles);

        Assert.Equal(["PROD"], role.Clusters);
        Assert.Equal(["HV-DR-01"], role.Hosts);
        Assert.Equal("Operator(clusters=PROD; hosts=HV-DR-01)", role.ToString());
    }

    [Fact]
    public void Map_TwoGroupsToTheSameRoleAndScope_GiveItOnce()
    {
        var options = Options("groups", ("a", "Viewer"), ("b", "viewer"));

        var mapping = _mapper.Map([new("groups", "a"), new("groups", "b")], options);

        Assert.Single(mapping.Roles);
    }

    [Fact]
    public void Map_NoMappedGroup_GivesNoRole()
    {
        var options = Options("groups", (EntraOps, "Operator"));

        var mapping = _mapper.Map([new("groups", EntraAdmins), new("preferred_username", "jane@example.com")], options);

        Assert.Empty(mapping.Roles);
        Assert.Equal([EntraAdmins], mapping.Groups);
    }

    [Fact]
    public void Map_NoGroupClaimsAtAll_GivesNoRole()
    {
        var mapping = _mapper.Map([new("sub", "x")], Options("groups", (EntraOps, "Operator")));

        Assert.Empty(mapping.Roles);
        Assert.Empty(mapping.Groups);
    }

    /// <summary>Mapping settings: the groups claim type, then (group, role) pairs.</summary>
    private static OidcOptions Options(string groupsClaim, params (string Group, string Role)[] mappings) => new()
    {
        Enabled = true,
        GroupsClaim = groupsClaim,
        GroupRoles = [.. mappings.Select(m => new OidcGroupRole { Group = m.Group, Role = m.Role })],
    };
}
