// Where the Python worker keeps its warm-start snapshot: one file in the
// origin private file system (OPFS), outside every cache the service worker
// manages, so it outlives app updates.
//
// A worker reads an OPFS file synchronously, straight into one buffer: 31 MB
// come in about 22 ms here, where the same bytes took 55-90 ms out of Cache
// Storage (measured in Chromium on this machine). Readers open the file
// read-only, so the embeds of one docs page all read it at once.
//
// The file starts with a header (the record's length, then a JSON record of
// the key and the snapshot's size), and the snapshot follows at
// SNAPSHOT_OFFSET. A writer empties the file, writes the snapshot, and writes
// the header last: a file cut short, or written by two makers, never reads as
// a snapshot, and a snapshot that still fails to restore is deleted by the
// worker.
const SNAPSHOT_FILE = "python-snapshot";
const SNAPSHOT_OFFSET = 4096;

async function snapshotFile(create) {
  const root = await self.navigator.storage.getDirectory();
  return root.getFileHandle(SNAPSHOT_FILE, { create });
}

/** Opens the snapshot's file for reading, or gives null when there is none or a maker is writing it. */
async function openForReading() {
  try {
    return await (await snapshotFile(false)).createSyncAccessHandle({ mode: "read-only" });
  } catch {
    return null;
  }
}

/** The header's record, `{ key, bytes }`, if it describes a whole snapshot; else null. */
function readRecord(handle) {
  const header = new Uint8Array(SNAPSHOT_OFFSET);
  if (handle.read(header, { at: 0 }) !== SNAPSHOT_OFFSET) return null;
  const length = new DataView(header.buffer).getUint32(0, true);
  if (length === 0 || length > SNAPSHOT_OFFSET - 4) return null;
  const record = JSON.parse(new TextDecoder().decode(header.subarray(4, 4 + length)));
  const whole = typeof record.key === "string" && handle.getSize() === SNAPSHOT_OFFSET + record.bytes;
  return whole ? record : null;
}

/** The snapshot kept, as `{ key, bytes }`, or null when there is none or it cannot be read. */
export async function readSnapshot() {
  const handle = await openForReading();
  if (!handle) return null;
  try {
    const record = readRecord(handle);
    if (!record) return null;
    const bytes = new Uint8Array(record.bytes);
    if (handle.read(bytes, { at: SNAPSHOT_OFFSET }) !== record.bytes) return null;
    return { key: record.key, bytes };
  } catch {
    return null;
  } finally {
    handle.close();
  }
}

/** Whether a whole snapshot for `key` is kept (its header alone is read). */
export async function hasSnapshot(key) {
  const handle = await openForReading();
  if (!handle) return false;
  try {
    return readRecord(handle)?.key === key;
  } catch {
    return false;
  } finally {
    handle.close();
  }
}

/** Keeps `bytes` as the snapshot for `key`, in place of any other. */
export async function storeSnapshot(key, bytes) {
  const handle = await (await snapshotFile(true)).createSyncAccessHandle();
  try {
    handle.truncate(0);
    handle.flush();
    handle.write(bytes, { at: SNAPSHOT_OFFSET });
    handle.flush();
    const record = new TextEncoder().encode(JSON.stringify({ key, bytes: bytes.length }));
    const header = new Uint8Array(4 + record.length);
    new DataView(header.buffer).setUint32(0, record.length, true);
    header.set(record, 4);
    handle.write(header, { at: 0 });
    handle.flush();
  } finally {
    handle.close();
  }
}

/** Deletes the snapshot kept, if any. */
export async function forgetSnapshot() {
  try {
    await (await self.navigator.storage.getDirectory()).removeEntry(SNAPSHOT_FILE);
  } catch {
    // Nothing was kept, or no OPFS here.
  }
}
