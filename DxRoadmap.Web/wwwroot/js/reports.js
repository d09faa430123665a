// Fetches a report from the download endpoint so the page can show progress while it is generated,
// then hands the file to the browser under the name the server chose (Content-Disposition filename*).
export async function download(url) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) {
        throw new Error(await response.text() || `HTTP ${response.status}`);
    }
    const blob = await response.blob();
    const name = fileName(response.headers.get("Content-Disposition")) || "report";
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    return name;
}

function fileName(disposition) {
    if (!disposition) {
        return null;
    }
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (encoded) {
        return decodeURIComponent(encoded[1]);
    }
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    return plain ? plain[1] : null;
}
