// An in-memory table keyed by guid, with secondary indexes kept up to date on every write,
// so lookups by name or parent never scan the whole table.

interface Index<T> {
  keyOf: (record: T) => string | string[] | null
  map: Map<string, Set<string>>
}

const asList = (raw: string | string[] | null): string[] => (raw === null ? [] : Array.isArray(raw) ? raw : [raw])

export class Table<T extends {guid: string}> {
  private readonly rows = new Map<string, T>()
  private readonly indexes = new Map<string, Index<T>>()
  /** The index keys each row was filed under, one list per index in `indexes` order. */
  private readonly keysOf = new Map<string, string[][]>()

  constructor(indexKeys: Record<string, (record: T) => string | string[] | null> = {}) {
    for (const [name, keyOf] of Object.entries(indexKeys)) this.indexes.set(name, {keyOf, map: new Map()})
  }

  get size(): number {
    return this.rows.size
  }

  get(guid: string): T | undefined {
    return this.rows.get(guid)
  }

  all(): T[] {
    return [...this.rows.values()]
  }

  /** Rows whose index `name` has `key`, in insertion order of the index. */
  by(name: string, key: string): T[] {
    const guids = this.indexes.get(name)?.map.get(key)
    if (!guids) return []
    return [...guids].map((guid) => this.rows.get(guid) as T)
  }

  first(name: string, key: string): T | undefined {
    const guids = this.indexes.get(name)?.map.get(key)
    if (!guids || guids.size === 0) return undefined
    return this.rows.get(guids.values().next().value as string)
  }

  insert(record: T): T {
    this.rows.set(record.guid, record)
    this.reindex(record)
    return record
  }

  /** Applies `changes` to the stored row and re-indexes it. */
  update(record: T, changes: Partial<T>): T {
    Object.assign(record, changes)
    this.reindex(record)
    return record
  }

  remove(guid: string): void {
    this.unindex(guid)
    this.rows.delete(guid)
  }

  private reindex(record: T): void {
    this.unindex(record.guid)
    const filed: string[][] = []
    for (const {keyOf, map} of this.indexes.values()) {
      const keys = asList(keyOf(record))
      filed.push(keys)
      for (const key of keys) {
        const set = map.get(key)
        if (set) set.add(record.guid)
        else map.set(key, new Set([record.guid]))
      }
    }
    this.keysOf.set(record.guid, filed)
  }

  private unindex(guid: string): void {
    const filed = this.keysOf.get(guid)
    if (!filed) return
    let i = 0
    for (const {map} of this.indexes.values()) {
      for (const key of filed[i++]) {
        const set = map.get(key)
        set?.delete(guid)
        if (set && set.size === 0) map.delete(key)
      }
    }
    this.keysOf.delete(guid)
  }
}
