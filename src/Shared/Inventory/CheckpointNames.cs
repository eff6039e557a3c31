namespace CheckpointDashboard.Shared.Inventory;

/// <summary>Hyper-V's rules for checkpoint names: not blank, at most 100 characters, no control characters.</summary>
public static class CheckpointNames
{
    public const int MaxLength = 100;

    /// <summary>The problem with <paramref name="name"/> in a sentence, or null when it is a valid name.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "A checkpoint name cannot be empty.";
        }

        if (name.Length > MaxLength)
        {
            return $"A checkpoint name can have at most {MaxLength} characters; this one has {name.Length}.";
        }

        if (name.Any(char.IsControl))
        {
            return "A checkpoint name cannot contain control characters (tabs, line breaks and the like).";
        }

        return name.Trim().Length != name.Length ? "A checkpoint name cannot start or end with spaces." : null;
    }
}
