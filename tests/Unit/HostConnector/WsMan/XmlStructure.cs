using System.Xml.Linq;
using Xunit;

namespace CheckpointDashboard.Tests.Unit.HostConnector.WsMan;

/// <summary>
/// Compares two XML documents by structure: element names (namespace + local name, not prefixes), attributes other
/// than namespace declarations, child elements in order and text, ignoring whitespace between elements and the
/// values of elements named in <c>ignoreValuesOf</c> (a MessageID differs on every request).
/// </summary>
internal static class XmlStructure
{
    public static void AssertEqual(string expected, string actual, params XName[] ignoreValuesOf)
    {
        var difference = FirstDifference(XDocument.Parse(expected).Root!, XDocument.Parse(actual).Root!, "", ignoreValuesOf);
        Assert.True(difference is null, $"{difference}\n--- actual ---\n{actual}");
    }

    private static string? FirstDifference(XElement expected, XElement actual, string path, XName[] ignore)
    {
        path = $"{path}/{expected.Name.LocalName}";
        if (expected.Name != actual.Name)
        {
            return $"{path}: expected element {expected.Name}, got {actual.Name}";
        }

        var expectedAttributes = Attributes(expected);
        var actualAttributes = Attributes(actual);
        if (!expectedAttributes.SequenceEqual(actualAttributes))
        {
            return $"{path}: expected attributes [{string.Join(", ", expectedAttributes)}], got [{string.Join(", ", actualAttributes)}]";
        }

        var expectedChildren = expected.Elements().ToList();
        var actualChildren = actual.Elements().ToList();
        if (expectedChildren.Count == 0 && actualChildren.Count == 0)
        {
            if (!ignore.Contains(expected.Name) && Text(expected) != Text(actual))
            {
                return $"{path}: expected text '{Text(expected)}', got '{Text(actual)}'";
            }

            return null;
        }

        if (expectedChildren.Count != actualChildren.Count)
        {
            return $"{path}: expected children [{string.Join(", ", expectedChildren.Select(c => c.Name.LocalName))}], " +
                   $"got [{string.Join(", ", actualChildren.Select(c => c.Name.LocalName))}]";
        }

        for (var i = 0; i < expectedChildren.Count; i++)
        {
            if (FirstDifference(expectedChildren[i], actualChildren[i], path, ignore) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static List<string> Attributes(XElement element) =>
        [.. element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => $"{a.Name}={a.Value}").Order(StringComparer.Ordinal)];

    private static string Text(XElement element) => string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
}
