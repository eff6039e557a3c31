namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>A property value a host sent that cannot mean what the schema says (a malformed response).</summary>
public sealed class CimMappingException : CimException
{
    public CimMappingException(string className, string propertyName, string message)
        : base(CimErrorKind.MalformedResponse, $"{className}.{propertyName}: {message}")
    {
        ClassName = className;
        PropertyName = propertyName;
    }

    public string ClassName { get; }

    public string PropertyName { get; }
}
