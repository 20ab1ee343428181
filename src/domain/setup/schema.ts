// The setup file's JSON Schema (draft-07): the shape only. Values that need real parsing (CIDRs, ports,
// routes) and references between sections are checked by check.ts and references.ts, with the same positions.
import {KEY_TYPES} from '../client-cert/issue.js'
import {NAME_MAX_LENGTH, NAME_PATTERN} from '../names/rule.js'

/** An org, space, segment or security group name, as the Cloud Controller takes it (names/rule.ts). */
const name = {type: 'string', minLength: 1, maxLength: NAME_MAX_LENGTH, pattern: NAME_PATTERN}
const optionalName = {type: ['string', 'null'], minLength: 1, maxLength: NAME_MAX_LENGTH, pattern: NAME_PATTERN}
const names = {type: 'array', items: name, uniqueItems: true}
const cidrs = {type: 'array', items: {type: 'string'}}
/** `name:` with nothing after it is an object with no settings. */
const entry = (properties: Record<string, unknown>) => ({
  type: ['object', 'null'],
  properties,
  additionalProperties: false,
})
const namedMap = (value: unknown, keys: object = name) => ({type: ['object', 'null'], propertyNames: keys, additionalProperties: value})
/** Route keys are not names: parseRouteSpec says what is wrong with one. */
const routeKey = {type: 'string', minLength: 1, maxLength: NAME_MAX_LENGTH}

const rule = {
  type: 'object',
  required: ['protocol', 'destination'],
  properties: {
    protocol: {enum: ['tcp', 'udp', 'icmp', 'icmpv6', 'all']},
    destination: {type: 'string', minLength: 1},
    ports: {type: ['string', 'integer']},
    type: {type: 'integer', minimum: -1, maximum: 255},
    code: {type: 'integer', minimum: -1, maximum: 255},
    description: {type: 'string'},
    log: {type: 'boolean'},
  },
  additionalProperties: false,
}

/** Days as "14d" or 14 (checked by build.ts). */
const days = {type: ['string', 'integer']}

const clientCertificate = entry({
  days: {type: 'integer', minimum: 1, maximum: 825},
  key_type: {enum: [...KEY_TYPES]},
  cn: {type: 'string', minLength: 1},
  rotate_before: days,
  restart_apps: names,
})

const space = entry({
  segment: optionalName,
  security_groups: {
    type: 'object',
    properties: {running: names, staging: names},
    additionalProperties: false,
  },
  client_certificates: namedMap(clientCertificate),
})

export const SETUP_FILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://cgx.cloud.gov/schemas/setup-file.schema.json',
  title: 'cgx setup file',
  description: 'Isolation segments, security groups, orgs, spaces and route allowlists for `cgx plan` and `cgx apply`.',
  type: 'object',
  properties: {
    api: {type: 'string', minLength: 1},
    isolation_segments: namedMap(entry({networks: cidrs, orgs: names})),
    security_groups: namedMap({
      type: 'object',
      required: ['rules'],
      properties: {
        rules: {type: 'array', items: rule},
        globally_enabled: {
          type: 'object',
          properties: {running: {type: 'boolean'}, staging: {type: 'boolean'}},
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    }),
    orgs: namedMap(entry({default_segment: optionalName, client_ca_space: name, spaces: namedMap(space)})),
    route_allowlists: namedMap({type: 'array', items: {type: 'string'}, minItems: 1}, routeKey),
  },
  additionalProperties: false,
} as const

/** The top-level keys, for messages about unknown keys. */
export const TOP_LEVEL_KEYS = Object.keys(SETUP_FILE_SCHEMA.properties)
