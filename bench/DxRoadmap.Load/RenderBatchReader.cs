using System.Buffers.Binary;
using System.Text;

/// <summary>
/// Reads just enough of a Blazor Server render batch (the binary JS.RenderBatch payload) to find click handlers:
/// for each updated component, the frames its edits insert or change. Layout, as the framework writes it: the
/// sections come first and a trailer of five int32 offsets closes the batch (updated components, reference frames,
/// disposed component ids, disposed event handler ids, string table); every frame is 20 bytes (type + 16), every
/// edit 16; strings are length-prefixed UTF-8 (7-bit encoded length) located through an int32 table.
/// </summary>
internal sealed class RenderBatchReader
{
    private const int FrameSize = 20;
    private const int EditSize = 16;

    private readonly byte[] _data;
    private readonly int _framesStart;
    private readonly int _stringTable;
    private readonly int _stringCount;

    public RenderBatchReader(byte[] data)
    {
        _data = data;
        var trailer = data.Length - 20;
        UpdatedComponentsOffset = Int(trailer);
        _framesStart = Int(trailer + 4) + 4;
        FrameCount = Int(trailer + 4);
        _stringTable = Int(trailer + 16);
        _stringCount = (trailer - _stringTable) / 4;
    }

    public int UpdatedComponentsOffset { get; }

    public int FrameCount { get; }

    /// <summary>Each updated component with the indices of the reference frames its edits bring in.</summary>
    public IEnumerable<(int ComponentId, List<int> Frames)> Diffs()
    {
        var count = Int(UpdatedComponentsOffset);
        for (var d = 0; d < count; d++)
        {
            var at = Int(UpdatedComponentsOffset + 4 + d * 4);
            var componentId = Int(at);
            var edits = Int(at + 4);
            var frames = new List<int>();
            for (var e = 0; e < edits; e++)
            {
                var edit = at + 8 + e * EditSize;
                var type = Int(edit);
                var reference = Int(edit + 8);
                if (type == 1) // PrependFrame: the frame and its subtree
                {
                    var length = SubtreeLength(reference);
                    for (var f = reference; f < reference + length; f++)
                    {
                        frames.Add(f);
                    }
                }
                else if (type is 3 or 5 or 8) // SetAttribute, UpdateText, UpdateMarkup: one frame
                {
                    frames.Add(reference);
                }
            }
            yield return (componentId, frames);
        }
    }

    public int FrameType(int frame) => Int(FrameAt(frame));

    /// <summary>Element name, text content, attribute name or markup, by frame type.</summary>
    public string? Name(int frame) => FrameType(frame) switch
    {
        1 => String(Int(FrameAt(frame) + 8)),
        2 or 3 or 8 => String(Int(FrameAt(frame) + 4)),
        _ => null,
    };

    public string? AttributeValue(int frame) => FrameType(frame) == 3 ? String(Int(FrameAt(frame) + 8)) : null;

    public ulong EventHandlerId(int frame) =>
        FrameType(frame) == 3 ? BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(FrameAt(frame) + 12)) : 0;

    /// <summary>Frames covered by an element, component or region frame (itself included); 1 for the rest.</summary>
    public int SubtreeLength(int frame) => FrameType(frame) is 1 or 4 or 5 ? Math.Max(1, Int(FrameAt(frame) + 4)) : 1;

    private int FrameAt(int frame) => _framesStart + frame * FrameSize;

    private string? String(int index)
    {
        if (index < 0 || index >= _stringCount)
        {
            return null;
        }
        var at = Int(_stringTable + index * 4);
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            b = _data[at++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(_data, at, length);
    }

    private int Int(int at) => BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(at));
}
