/** Styling passed into renderers, so that they stay pure and never import a color library. */
export interface Theme {
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  cyan(text: string): string
}

export interface RenderOptions {
  /** stdout is a terminal: aligned tables with headers; otherwise tab-separated rows. */
  tty: boolean
  /** Terminal width in columns (tables are not truncated when piped). */
  width: number
  theme: Theme
}

const identity = (text: string): string => text

export const plainTheme: Theme = {bold: identity, dim: identity, red: identity, green: identity, yellow: identity, cyan: identity}

export const plainRenderOptions: RenderOptions = {tty: false, width: 120, theme: plainTheme}
