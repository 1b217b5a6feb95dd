/** Path of a Chromium binary: $CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string | undefined;
/** Path of a Firefox (ESR) binary: $FIREFOX_PATH, else Debian's. */
export function firefoxPath(): string | undefined;
/** Makes sure the browsers exist, installing Debian's packages as root; false when they are still missing. */
export function ensureBrowsers(options?: { firefox?: boolean }): boolean;
/** Version line of a browser binary, for logs. */
export function browserVersion(path: string): string;
