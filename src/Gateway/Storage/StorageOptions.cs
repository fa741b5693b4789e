using System.ComponentModel.DataAnnotations;

namespace Hulpvraag.Gateway.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

public sealed class StorageOptions
{
    public const string Section = "Storage";

    [Required(ErrorMessage = "Storage:Provider is verplicht: 'sqlite' of 'postgres'.")]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>From <c>ConnectionStrings:Gateway</c>; copied here at binding so validation can name the key.</summary>
    [Required(ErrorMessage = "ConnectionStrings:Gateway is verplicht.")]
    public string ConnectionString { get; set; } = "Data Source=data/gateway.db";
}
