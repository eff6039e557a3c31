namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>CIM property types, as CIM-XML (DSP0201) names them in its <c>TYPE</c> attribute.</summary>
public enum CimType
{
    String,
    Boolean,
    UInt8,
    SInt8,
    UInt16,
    SInt16,
    UInt32,
    SInt32,
    UInt64,
    SInt64,
    Real32,
    Real64,
    Char16,

    /// <summary>A date-time or an interval (CIM-XML uses one type name for both).</summary>
    DateTime,

    /// <summary>An embedded instance, carried as escaped CIM-XML text in a string property.</summary>
    Instance,

    Reference,
}
