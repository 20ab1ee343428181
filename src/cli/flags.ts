import {Flags} from '@oclif/core'

import type {NetworkSources} from '../ops/foundation/index.js'
import type {CgxConfig} from './cgx-config.js'

// Flags shared by several commands, declared once.

/** Where segments' private networks come from; shared by the segment and reach reports. */
export const networkFlags = {
  'networks-annotation': Flags.string({
    summary: 'Segment annotation that lists its private networks (default cgx.cloud.gov/private-networks).',
    env: 'CGX_NETWORKS_ANNOTATION',
    helpValue: 'KEY',
  }),
  'networks-file': Flags.file({
    summary: 'YAML file adding private networks per segment: `segments: {NAME: [CIDR...]}`.',
    exists: true,
    helpValue: 'FILE',
  }),
}

/** The network flags plus the cgx config, as the ops take them. */
export function networkSources(flags: {'networks-annotation'?: string; 'networks-file'?: string}, config: CgxConfig): NetworkSources {
  return {annotationKey: flags['networks-annotation'], file: flags['networks-file'], config}
}

/** -o ORG is the org and -s SPACE the space in every command, as in the cf CLI: `Flags.string({...ORG, summary})`. */
export const ORG = {char: 'o', helpValue: 'ORG'} as const
export const SPACE = {char: 's', helpValue: 'SPACE'} as const

export const scopeFlags = {
  org: Flags.string({...ORG, summary: 'Only this org.'}),
  space: Flags.string({...SPACE, summary: 'Only this space (of --org, or of the targeted org).'}),
}

/** Where an org's client CA is kept (client-cert create, ca, rotate). */
export const caFlags = {
  'ca-space': Flags.string({
    summary: "First use: keep the org's new CA key in a user-provided instance (cgx-client-ca) in this space of the org.",
    description:
      "The space's developers can read that key (any user-provided instance's credentials are readable by " +
      "the space's developers): use a space where only the people who issue certificates are developers, or --ca-key-file.",
    helpValue: 'SPACE',
    exclusive: ['ca-key-file'],
  }),
  'ca-key-file': Flags.file({
    summary: "Keep the CA outside the foundation: a PEM file with the CA's private key and its certificate.",
    helpValue: 'FILE',
  }),
}
