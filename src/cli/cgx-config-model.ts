// What the cgx config holds, apart from reading it (cgx-config.ts) and parsing it (cgx-config-file.ts).

export interface FoundationSettings {
  /** The foundation's egress ranges, canonical CIDRs. */
  readonly egress?: readonly string[]
  /** Private networks per segment name, for users who cannot read or write the segment annotation. */
  readonly networks?: Readonly<Record<string, readonly string[]>>
  readonly networksAnnotation?: string
}

export interface CgxConfig {
  readonly file: string
  /** The settings for an API URL (compared after normalisation); empty when the file says nothing about it. */
  foundation(api: string): FoundationSettings
}
