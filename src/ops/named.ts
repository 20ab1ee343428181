// An object the user named, as ops report it: its name for people, its GUID for scripts.

export interface NamedRef {
  name: string
  guid: string
}

export const ref = (item: NamedRef): NamedRef => ({name: item.name, guid: item.guid})
