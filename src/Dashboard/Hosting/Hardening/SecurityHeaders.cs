namespace CheckpointDashboard.Dashboard.Hosting.Hardening;

/// <summary>The security headers every answer carries, pages, API, static files and errors alike.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The content security policy. Scripts only from the dashboard's own files (blazor.web.js and MudBlazor.min.js need
    /// neither eval nor inline script); inline styles are allowed because MudBlazor writes <c>style</c> attributes and its
    /// theme as a <c>&lt;style&gt;</c> element; <c>connect-src 'self'</c> covers the circuit's WebSocket, since in CSP
    /// Level 3 'self' matches ws: and wss: on the same host and port. <c>data:</c> images and fonts are MudBlazor's icons
    /// in its stylesheet. Nothing may frame the dashboard (clickjacking on its destructive buttons).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Sets every header, replacing any earlier value (Blazor sets a laxer <c>frame-ancestors 'self'</c> on pages).</summary>
    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
