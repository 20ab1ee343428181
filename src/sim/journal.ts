// Every API request the simulator received, in order, with the status it answered.

export interface JournalEntry {
  method: string
  path: string
  query: string
  status: number
  time: string
}

export class Journal {
  private list: JournalEntry[] = []

  entries(): JournalEntry[] {
    return this.list.map((entry) => ({...entry}))
  }

  clear(): void {
    this.list = []
  }

  /** Records a request as it arrives (status 0 until answered) and returns its index. */
  open(method: string, path: string, query: string): {index: number; entry: JournalEntry} {
    const entry: JournalEntry = {method, path, query, status: 0, time: new Date().toISOString()}
    this.list.push(entry)
    return {index: this.list.length - 1, entry}
  }
}
