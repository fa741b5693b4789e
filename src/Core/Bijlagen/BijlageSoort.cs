namespace Hulpvraag.Core.Bijlagen;

/// <summary>The attachment types the spec allows, recognised by content (<see cref="BijlageTypeHerkenning"/>).</summary>
public enum BijlageSoort
{
    Pdf,
    Jpeg,
    Png,
    Doc,
    Xls,
    Ppt,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Txt,
}
