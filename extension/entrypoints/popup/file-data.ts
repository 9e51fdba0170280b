/** File → base64 for messages to the worker (runtime messages carry JSON, not bytes). */

/** The bytes of `file` as base64, in chunks (spreading megabytes into one call overflows the stack). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The first image file among pasted or dropped items, if any. */
export function firstImage(data: DataTransfer | null): File | null {
  for (const file of data?.files ?? []) if (file.type.startsWith('image/')) return file;
  for (const item of data?.items ?? []) {
    if (item.kind === 'file' && item.type.startsWith('image/')) return item.getAsFile();
  }
  return null;
}
