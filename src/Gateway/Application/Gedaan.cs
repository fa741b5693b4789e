namespace Hulpvraag.Gateway.Application;

/// <summary>The value of a successful action that answers nothing but "done" (a revoke, a delete, a re-drive).</summary>
public readonly record struct Gedaan;
