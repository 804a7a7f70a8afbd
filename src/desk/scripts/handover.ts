/** Fills in SiteHandover.astro: the recovery key (shown once) and the site's lines, as an operator pastes them. */
export function showHandover(prefix: string, recoveryText: string, site: Record<string, string>) {
  document.getElementById(`${prefix}recovery-key`)!.textContent = recoveryText;
  document.getElementById(`${prefix}site-env`)!.textContent = Object.entries(site)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}
