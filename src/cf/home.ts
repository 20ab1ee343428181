// The user's home folder, where the cf config (.cf) and cgx's own files live: HOME, or this account's entry in the
// system's user database when HOME is empty or relative. Never a relative path: with HOME= (as `env -i` and some CI
// runners leave it) Node's homedir() is '', and a login, token and all, went to ./.cf/config.json wherever cgx ran.
import {userInfo} from 'node:os'
import path from 'node:path'

export function homeDirectory(env: Record<string, string | undefined>): string | undefined {
  if (env.HOME && path.isAbsolute(env.HOME)) return env.HOME
  try {
    const {homedir} = userInfo()
    return path.isAbsolute(homedir) ? homedir : undefined
  } catch {
    return undefined
  }
}
