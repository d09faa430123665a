using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>
/// One Blazor Server circuit driven over SignalR the way blazor.web.js drives it, without a browser: the page is
/// fetched (its prerendered HTML carries the server component markers and the persisted state), the circuit is
/// started on /_blazor with the "blazorpack" protocol, the markers are handed over with UpdateRootComponents,
/// every render batch is acknowledged, every JS interop call is answered, and browser events are dispatched
/// through the renderer's interop object, as the browser does. Render batches are read only to find the zoom
/// buttons' click handlers and to recognise the batch an interaction waits for.
/// </summary>
internal sealed partial class CircuitClient(Uri baseUri, HttpClient http, CookieContainer cookies, ErrorLog errors, int index, TimeSpan timeout)
    : IAsyncDisposable
{
    public static readonly string[] ZoomLabels = ["月", "四半期", "年度"];

    private readonly Lock _gate = new();
    private readonly List<(Func<RenderBatchReader, bool> Done, TaskCompletionSource Signal)> _waiters = [];
    private readonly Dictionary<int, string> _zoomComponents = [];
    private readonly Dictionary<string, ulong> _zoomHandlers = [];
    private HubConnection? _connection;
    private long _interopObjectId = -1;
    private long _nextJsObjectId;
    private int _nextCallId;
    private bool _closing;
    private string? _secret;

    public int Batches { get; private set; }

    public long BatchBytes { get; private set; }

    /// <summary>Fetches the page, opens the circuit and waits until its interactive render has arrived.</summary>
    public async Task<double> StartAsync(string path, Func<RenderBatchReader, bool> ready)
    {
        var clock = Stopwatch.StartNew();
        var pageUri = new Uri(baseUri, path);
        var html = await http.GetStringAsync(pageUri);
        var markers = MarkerPattern().Matches(html).Select(m => m.Groups[1].Value)
            .Where(json => json.Contains("\"descriptor\"", StringComparison.Ordinal)).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path}: no server component markers (signed out?)");
        }
        var state = StatePattern().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "_blazor"), o =>
        {
            o.Cookies = cookies;
            o.Transports = HttpTransportType.WebSockets;
        });
        BlazorPackProtocol.Use(builder);
        var connection = builder.Build();
        _connection = connection;
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        connection.On<string, bool, string>("JS.EndInvokeDotNet", (id, ok, result) =>
        {
            if (!ok)
            {
                errors.Add($"circuit {index}: call {id} failed: {ErrorLog.First(result)}");
            }
        });
        connection.On<string>("JS.Error", message => errors.Add($"circuit {index}: JS.Error {ErrorLog.First(message)}"));
        connection.Closed += ex =>
        {
            if (!_closing)
            {
                errors.Add($"circuit {index}: connection closed{(ex is null ? "" : ": " + ErrorLog.First(ex.Message))}");
            }
            return Task.CompletedTask;
        };
        await connection.StartAsync();

        var secret = await connection.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), pageUri.ToString(), "[]", state);
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException("StartCircuit was refused");
        }
        _secret = secret;
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = JsonNode.Parse(markers[i])!.AsObject();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }
        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
        await SendAndWaitAsync(() => connection.SendAsync("UpdateRootComponents", batch, state), ready);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Whether the three zoom buttons' click handlers are known (the Gantt page is interactive).</summary>
    public bool ZoomReady
    {
        get { lock (_gate) { return ZoomLabels.All(_zoomHandlers.ContainsKey); } }
    }

    /// <summary>Clicks a zoom button; the time until the chart's re-render (a batch with new svg markup).</summary>
    public async Task<double> ClickZoomAsync(string label)
    {
        ulong handler;
        lock (_gate)
        {
            if (!_zoomHandlers.TryGetValue(label, out handler))
            {
                throw new InvalidOperationException($"no click handler for {label}");
            }
        }
        var descriptor = new { eventHandlerId = handler, eventName = "click", eventFieldInfo = (object?)null };
        var args = new
        {
            detail = 1, screenX = 400, screenY = 200, clientX = 400, clientY = 120, offsetX = 10, offsetY = 10, pageX = 400,
            pageY = 120, movementX = 0, movementY = 0, button = 0, buttons = 0, ctrlKey = false, shiftKey = false,
            altKey = false, metaKey = false, type = "click",
        };
        var json = JsonSerializer.Serialize(new object[] { descriptor, args });
        var callId = Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        await SendAndWaitAsync(
            () => _connection!.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", _interopObjectId, json),
            batch => HasMarkup(batch, "viewBox"));
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Navigates inside the circuit (as an intercepted link click does); the time until ready.</summary>
    public async Task<double> NavigateAsync(string path, Func<RenderBatchReader, bool> ready)
    {
        lock (_gate)
        {
            _zoomComponents.Clear();
            _zoomHandlers.Clear();
        }
        var uri = new Uri(baseUri, path).ToString();
        var clock = Stopwatch.StartNew();
        await SendAndWaitAsync(() => _connection!.SendAsync("OnLocationChanged", uri, null, true), ready);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>A batch that sets an attribute of that name (e.g. data-testid="totals": the dashboard's figures).</summary>
    public static bool HasAttribute(RenderBatchReader batch, string name, string? value = null) =>
        AnyFrame(batch, f => batch.FrameType(f) == 3 && batch.Name(f) == name && (value is null || batch.AttributeValue(f) == value));

    /// <summary>A batch that inserts or replaces markup containing <paramref name="text"/> (the chart's drawing).</summary>
    public static bool HasMarkup(RenderBatchReader batch, string text) =>
        AnyFrame(batch, f => batch.FrameType(f) == 8 && batch.Name(f)?.Contains(text, StringComparison.Ordinal) == true);

    private static bool AnyFrame(RenderBatchReader batch, Func<int, bool> match) =>
        batch.Diffs().Any(diff => diff.Frames.Any(match));

    /// <summary>Leaves as a closing tab does: the page's unload beacon tells the server to drop the circuit now
    /// rather than keep it for a reconnect.</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        if (_secret is not null)
        {
            try
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = _secret });
                using var response = await http.PostAsync(new Uri(baseUri, "_blazor/disconnect"), form);
                if (!response.IsSuccessStatusCode)
                {
                    errors.Add($"circuit {index}: disconnect answered {(int)response.StatusCode}");
                }
            }
            catch (HttpRequestException ex)
            {
                errors.Add($"circuit {index}: disconnect: {ErrorLog.First(ex.Message)}");
            }
        }
    }

    private async Task SendAndWaitAsync(Func<Task> send, Func<RenderBatchReader, bool> done)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((done, signal));
        }
        await send();
        await signal.Task.WaitAsync(timeout);
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        string? failure = null;
        try
        {
            var batch = new RenderBatchReader(data);
            if (Environment.GetEnvironmentVariable("DXLOAD_DEBUG") is not null)
            {
                var names = batch.Diffs().SelectMany(d => d.Frames.Select(f => batch.FrameType(f) == 3 ? batch.Name(f) + "#" + batch.EventHandlerId(f) : batch.FrameType(f) == 2 ? "'" + batch.Name(f) : null))
                    .Where(n => n is not null).Take(40);
                Console.WriteLine($"batch {batchId} {data.Length} B: {string.Join(' ', names)}");
            }
            lock (_gate)
            {
                Batches++;
                BatchBytes += data.Length;
                TrackZoomHandlers(batch);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Done(batch))
                    {
                        _waiters[i].Signal.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            failure = ex.Message;
            errors.Add($"circuit {index}: unreadable render batch {batchId}: {ex.GetType().Name}");
        }
        await _connection!.SendAsync("OnRenderCompleted", batchId, failure);
    }

    // A zoom button is a MudToggleItem: one component rendering <button onclick=…><span>月</span></button>. Its first
    // render names the label; a later render of the same component may replace the handler (SetAttribute onclick).
    private void TrackZoomHandlers(RenderBatchReader batch)
    {
        foreach (var (componentId, frames) in batch.Diffs())
        {
            ulong onclick = 0;
            string? label = null;
            foreach (var f in frames)
            {
                var type = batch.FrameType(f);
                if (type == 3 && batch.Name(f) == "onclick" && batch.EventHandlerId(f) is > 0 and var id)
                {
                    onclick = onclick == 0 ? id : onclick;
                }
                else if (type == 2 && batch.Name(f) is { } text && ZoomLabels.Contains(text))
                {
                    label = text;
                }
            }
            if (label is not null && onclick != 0)
            {
                _zoomComponents[componentId] = label;
            }
            if (onclick != 0 && _zoomComponents.TryGetValue(componentId, out var known))
            {
                _zoomHandlers[known] = onclick;
            }
        }
    }

    // Answers what the page's scripts would: the renderer's interop object is remembered (events go through it),
    // module imports get object references, size queries a 1280×720 window; everything else completes with null.
    private async Task OnBeginInvokeJSAsync(long taskId, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        if (Environment.GetEnvironmentVariable("DXLOAD_DEBUG") is not null)
        {
            Console.WriteLine($"js {taskId} {identifier} {argsJson[..Math.Min(80, argsJson.Length)]} {resultType} {targetInstanceId} {callType}");
        }
        string result;
        if (identifier == "Blazor._internal.attachWebRendererInterop")
        {
            using var args = JsonDocument.Parse(argsJson);
            _interopObjectId = args.RootElement[1].GetProperty("__dotNetObject").GetInt64();
            result = "null";
        }
        else if (resultType == 1)
        {
            result = $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObjectId)}}}";
        }
        else
        {
            result = identifier switch
            {
                "window.hasOwnProperty" => "true",
                "mudpopoverHelper.countProviders" => "0",
                "mudResizeListener.getBrowserWindowSize" => "{\"height\":720,\"width\":1280}",
                "mudElementRef.getBoundingClientRect" =>
                    "{\"x\":0,\"y\":0,\"width\":240,\"height\":40,\"top\":0,\"right\":240,\"bottom\":40,\"left\":0,\"scrollY\":0,\"scrollX\":0,\"windowHeight\":720,\"windowWidth\":1280}",
                _ => "null",
            };
        }
        await _connection!.SendAsync("EndInvokeJSFromDotNet", taskId, true,
            string.Create(CultureInfo.InvariantCulture, $"[{taskId},true,{result}]"));
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StatePattern();
}

/// <summary>MessagePack, under the name Blazor Server's hub accepts ("blazorpack", version 1, as blazor.web.js asks).</summary>
internal sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";

    public int Version => 1;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => version == 1;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    public static void Use(IHubConnectionBuilder builder)
    {
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
    }
}
