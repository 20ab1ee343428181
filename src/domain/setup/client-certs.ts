// Client certificates in the plan: a certificate the file names is created when its space has no instance of that
// name, and rotated when fewer than rotate_before days are left on it. An instance of that name cgx did not make is
// left alone, with a warning. The days, key type and common name apply from the next issue (create or rotation).
import {makeChange} from './fields.js'
import type {ClientCertSpec, LiveClientCert, OrgSpec, SetupFile, SpaceSpec} from './model.js'
import type {Change, Fields} from './plan.js'

export function clientCertChanges(file: SetupFile, live: readonly LiveClientCert[]): {changes: Change[]; warnings: string[]} {
  const changes: Change[] = []
  const warnings: string[] = []
  for (const org of file.orgs) {
    for (const space of org.spaces) {
      for (const spec of space.clientCertificates ?? []) {
        const existing = live.find((c) => c.org === org.name && c.space === space.name && c.name === spec.name)
        if (existing !== undefined && !existing.cgx) {
          warnings.push(
            `org.${org.name}.space.${space.name}: service instance '${spec.name}' exists and is not a cgx client certificate: apply leaves it as it is (rename one of them).`,
          )
          continue
        }
        changes.push(change(org, space, spec, existing))
      }
    }
  }
  return {changes, warnings}
}

function change(org: OrgSpec, space: SpaceSpec, spec: ClientCertSpec, existing: LiveClientCert | undefined): Change {
  const name = {org: org.name, space: space.name, name: spec.name}
  const issue = issueFields(org, spec)
  if (existing === undefined) return makeChange('client_certificate', name, null, issue)
  const left = existing.daysLeft
  const window = `rotate_before ${spec.rotateBeforeDays}d`
  // The issue settings ride on both sides: they are what the step needs, not a change of their own.
  if (left === undefined)
    return makeChange(
      'client_certificate',
      name,
      {days_left: null, ...issue},
      {days_left: spec.days, ...issue},
      `holds no certificate; ${window}`,
    )
  const expiry = left < 0 ? `expired ${-left} day${-left === 1 ? '' : 's'} ago` : `expires in ${left} day${left === 1 ? '' : 's'}`
  if (left >= spec.rotateBeforeDays)
    return makeChange('client_certificate', name, {rotate_before: window}, {rotate_before: window}, `${expiry}, ${window}`)
  return makeChange('client_certificate', name, {days_left: left, ...issue}, {days_left: spec.days, ...issue}, `${expiry}, ${window}`)
}

/** What an issue needs, carried in the change so the step has it: days, key type, common name, apps, CA space. */
function issueFields(org: OrgSpec, spec: ClientCertSpec): Fields {
  return {
    days: spec.days,
    key_type: spec.keyType,
    ...(spec.commonName === undefined ? {} : {cn: spec.commonName}),
    ...(spec.restartApps === undefined ? {} : {restart_apps: [...spec.restartApps]}),
    ...(org.clientCaSpace === undefined ? {} : {ca_space: org.clientCaSpace}),
  }
}
