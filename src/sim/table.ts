// An in-memory table keyed by guid, with secondary indexes kept up to date on every write,
// so lookups by name or parent never scan the whole table.

export class Table<T extends {guid: string}> {
  private readonly rows = new Map<string, T>()
  private readonly indexes = new Map<string, Map<string, Set<string>>>()
  private readonly keysOf = new Map<string, Map<string, string[]>>()

  constructor(private readonly indexKeys: Record<string, (record: T) => string | string[] | null> = {}) {
    for (const name of Object.keys(indexKeys)) this.indexes.set(name, new Map())
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
    const guids = this.indexes.get(name)?.get(key)
    if (!guids) return []
    return [...guids].map((guid) => this.rows.get(guid) as T)
  }

  first(name: string, key: string): T | undefined {
    const guids = this.indexes.get(name)?.get(key)
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
    const keys = new Map<string, string[]>()
    for (const [name, keyOf] of Object.entries(this.indexKeys)) {
      const raw = keyOf(record)
      const list = raw === null ? [] : Array.isArray(raw) ? raw : [raw]
      keys.set(name, list)
      const index = this.indexes.get(name) as Map<string, Set<string>>
      for (const key of list) {
        const set = index.get(key) ?? new Set<string>()
        set.add(record.guid)
        index.set(key, set)
      }
    }
    this.keysOf.set(record.guid, keys)
  }

  private unindex(guid: string): void {
    const keys = this.keysOf.get(guid)
    if (!keys) return
    for (const [name, list] of keys) {
      const index = this.indexes.get(name) as Map<string, Set<string>>
      for (const key of list) {
        const set = index.get(key)
        set?.delete(guid)
        if (set && set.size === 0) index.delete(key)
      }
    }
    this.keysOf.delete(guid)
  }
}
