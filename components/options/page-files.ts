import { bytesToBase64 } from '../../lib/vault/bytes';

/** Hands text the background produced to the browser as a file download (nothing is kept by the page). */
export function downloadText(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked later rather than at once: some browsers read the blob only after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A chosen import file as the background wants it: text when it is UTF-8, base64 bytes otherwise (encrypted andOTP). */
export async function readImportFile(file: File): Promise<{ text: string } | { base64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { base64: bytesToBase64(bytes) };
  }
}
