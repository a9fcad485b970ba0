// How sizes and types read on the page: sizes in binary units (as the API's limits are set), and a
// short type badge for files that have no thumbnail.

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** 25165824 reads "24 MiB", 30000 "29.3 KiB": one decimal, none when it would be ".0". */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1).replace(/\.0$/, "")} ${UNITS[unit]}`;
}

/** Every "<n> bytes" in a text written by the API, in human units. */
export function humanizeBytes(text: string): string {
  return text.replace(/\b(\d+) bytes\b/g, (_, n: string) => formatSize(Number(n)));
}

const KINDS: Record<string, string> = {
  "text/plain": "TXT",
  "text/csv": "CSV",
  "text/html": "HTML",
  "application/json": "JSON",
  "application/pdf": "PDF",
  "application/zip": "ZIP",
  "application/gzip": "GZ",
  "application/octet-stream": "BIN",
};

/** A few letters that say what a file is: its detected type where known, else its name's extension. */
export function typeBadge(fileName: string, contentType: string | undefined): string {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  if (KINDS[type]) {
    return KINDS[type];
  }
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1];
  if (extension) {
    return extension.toUpperCase();
  }
  const subtype = /^[a-z]+\/(?:x-)?([a-z0-9]{1,5})$/.exec(type)?.[1];
  return subtype ? subtype.toUpperCase() : "FILE";
}
