// Fresh typed arrays of a megabyte or more cost more to obtain than to fill: their memory is mapped in
// page by page on first write (a 1280×800 luminance plane took ~2.5 ms to allocate and write, 0.3 ms to
// rewrite). A decode runs synchronously from start to end and keeps none of its planes, so one set of
// buffers serves every pass of every decode, as a wasm decoder reuses its heap.

/** Buffers lent to one synchronous decode at a time; a plane's contents are whatever its last user left. */
export class ScratchBuffers {
  private readonly planes = new Map<string, Uint8ClampedArray>();
  private words = new Int32Array(0);

  /** `length` bytes of the named plane; planes with different names never overlap. */
  plane(name: string, length: number): Uint8ClampedArray {
    let buffer = this.planes.get(name);
    if (!buffer || buffer.length < length) {
      buffer = new Uint8ClampedArray(length);
      this.planes.set(name, buffer);
    }
    return buffer.subarray(0, length);
  }

  /** `length` zeroed 32-bit words, for one bit matrix at a time. */
  zeroedWords(length: number): Int32Array {
    if (this.words.length < length) this.words = new Int32Array(length);
    const words = this.words.subarray(0, length);
    words.fill(0);
    return words;
  }
}
