namespace CheckpointDashboard.HostConnector.Cim;

/// <summary>The outcome of a CIM method call: its return value and out-parameters.</summary>
public sealed class CimMethodResult
{
    private readonly CimInstance _outParameters;

    public CimMethodResult(string methodName, uint returnValue, IEnumerable<KeyValuePair<string, object?>> outParameters)
    {
        MethodName = methodName;
        ReturnValue = returnValue;
        _outParameters = new CimInstance(methodName + "_OUTPUT", string.Empty, outParameters);
    }

    public string MethodName { get; }

    /// <summary>0 = completed, 4096 = a job was started; other values are method-specific failures.</summary>
    public uint ReturnValue { get; }

    /// <summary>Out-parameters, read with the same typed getters as instance properties.</summary>
    public CimInstance OutParameters => _outParameters;
}
