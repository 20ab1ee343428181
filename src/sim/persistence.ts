// The state file: JSON, written atomically (temp file + rename) so a reader never sees half a state.
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {Store, type StoreSnapshot} from './store.js'

export function saveState(file: string, store: Store): void {
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(store.snapshot()))
  renameSync(temp, file)
}

/** The stored state, or undefined when the file does not exist yet. */
export function loadState(file: string): Store | undefined {
  if (!existsSync(file)) return undefined
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as StoreSnapshot
  if (snapshot.version !== 1) throw new Error(`${file}: unsupported simulator state version ${String(snapshot.version)}`)
  return Store.restore(snapshot)
}
