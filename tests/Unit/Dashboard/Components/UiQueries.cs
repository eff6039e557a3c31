using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.Dashboard.Components;

/// <summary>Finds elements the way a user (and the E2E tests) would: buttons and dialogs by their accessible names.</summary>
internal static class UiQueries
{
    /// <summary>The one button named <paramref name="name"/> (its aria-label, or else its text).</summary>
    public static IElement Button<T>(this IRenderedComponent<T> cut, string name)
        where T : IComponent =>
        Assert.Single(cut.FindAll("button"), b => AccessibleName(b) == name);

    public static IReadOnlyList<IElement> Buttons<T>(this IRenderedComponent<T> cut, string name)
        where T : IComponent =>
        [.. cut.FindAll("button").Where(b => AccessibleName(b) == name)];

    /// <summary>The open dialog titled <paramref name="title"/> (named by its title bar, as screen readers name it).</summary>
    public static IElement Dialog<T>(this IRenderedComponent<T> dialogs, string title)
        where T : IComponent =>
        Assert.Single(DialogsTitled(dialogs, title));

    public static IReadOnlyList<IElement> DialogsTitled<T>(this IRenderedComponent<T> dialogs, string title)
        where T : IComponent =>
        [.. dialogs.FindAll("[role=dialog]").Where(d =>
            d.GetAttribute("aria-labelledby") is { } id && d.QuerySelector($"[id='{id}']") is { } label && Normalize(label.TextContent) == title)];

    /// <summary>The button named <paramref name="name"/> inside the dialog titled <paramref name="title"/>.</summary>
    public static IElement DialogButton<T>(this IRenderedComponent<T> dialogs, string title, string name)
        where T : IComponent =>
        Assert.Single(dialogs.Dialog(title).QuerySelectorAll("button"), b => AccessibleName(b) == name);

    /// <summary>The body rows of the table marked <c>data-testid=<paramref name="testId"/></c>, each as its cells' texts joined by spaces.</summary>
    public static IReadOnlyList<string> TableRows<T>(this IRenderedComponent<T> cut, string testId)
        where T : IComponent =>
        [.. cut.FindAll($"[data-testid={testId}] tbody tr").Select(r => string.Join(' ', r.QuerySelectorAll("td").Select(td => td.Text())))];

    public static bool IsDisabled(this IElement element) => element.HasAttribute("disabled");

    /// <summary>Text with runs of white space collapsed, as a reader sees it.</summary>
    public static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Text(this IElement element) => Normalize(element.TextContent);

    private static string AccessibleName(IElement element) => element.GetAttribute("aria-label") ?? Normalize(element.TextContent);
}
