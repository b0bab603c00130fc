import zlib from "node:zlib";
import { mb, ParseFailure, type UploadLimits } from "./limits";

// A ZIP reader that cannot be bombed: the central directory's declared sizes are checked before
// anything is inflated, and every entry is inflated with the budget that is left as a hard cap, so
// a directory that lies about its sizes is stopped by the bytes that actually come out.

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const MAX_ENTRIES = 10_000;
const unreadable = () => new ParseFailure("upload.format.zip");

export class ZipReader {
  readonly entries = new Map<string, Entry>();
  private inflated = 0;

  constructor(
    private bytes: Buffer,
    private limits: Pick<UploadLimits, "unpackedBytes">,
  ) {
    const b = bytes;
    // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KB.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--)
      if (b.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw unreadable();
    const count = b.readUInt16LE(eocd + 10);
    let p = b.readUInt32LE(eocd + 16);
    // ZIP64 (more than 65,535 entries or 4 GB) is far beyond any file we accept.
    if (count === 0xffff || p === 0xffffffff)
      throw new ParseFailure("upload.limit.unpacked", { mb: mb(limits.unpackedBytes) });
    if (count > MAX_ENTRIES) throw new ParseFailure("upload.limit.entries", { max: MAX_ENTRIES });
    let declared = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw unreadable();
      const nameLen = b.readUInt16LE(p + 28);
      const e: Entry = {
        method: b.readUInt16LE(p + 10),
        compressedSize: b.readUInt32LE(p + 20),
        size: b.readUInt32LE(p + 24),
        name: b.toString("utf8", p + 46, p + 46 + nameLen),
        offset: b.readUInt32LE(p + 42),
      };
      if (e.size === 0xffffffff || e.compressedSize === 0xffffffff)
        throw new ParseFailure("upload.limit.unpacked", { mb: mb(limits.unpackedBytes) });
      declared += e.size;
      if (declared > limits.unpackedBytes)
        throw new ParseFailure("upload.limit.unpacked", { mb: mb(limits.unpackedBytes) });
      this.entries.set(e.name.replace(/^\//, ""), e);
      p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    }
  }

  has(name: string) {
    return this.entries.has(name);
  }

  /** The entry's bytes; counts them against the unpacked budget of the whole file. */
  read(name: string): Buffer {
    const e = this.entries.get(name);
    if (!e) throw unreadable();
    const b = this.bytes;
    if (e.offset + 30 > b.length || b.readUInt32LE(e.offset) !== 0x04034b50) throw unreadable();
    const start = e.offset + 30 + b.readUInt16LE(e.offset + 26) + b.readUInt16LE(e.offset + 28);
    const data = b.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) throw unreadable();
    const budget = this.limits.unpackedBytes - this.inflated;
    let out: Buffer;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      try {
        out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (err) {
        if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
          throw new ParseFailure("upload.limit.unpacked", { mb: mb(this.limits.unpackedBytes) });
        throw unreadable();
      }
    } else throw unreadable();
    this.inflated += out.length;
    if (this.inflated > this.limits.unpackedBytes)
      throw new ParseFailure("upload.limit.unpacked", { mb: mb(this.limits.unpackedBytes) });
    // A size other than the declared one is a damaged (or forged) archive.
    if (out.length !== e.size) throw unreadable();
    return out;
  }
}

export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;
