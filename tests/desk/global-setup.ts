/**
 * Builds the desk once before the workers start, when its sources changed (the same check as
 * `npm run desk`): two workers each starting a desk would otherwise build it into dist-desk/ at
 * the same moment.
 */
import { buildDeskWhenChanged } from '../../scripts/lib/desk-build.mjs';

export default function globalSetup() {
  if (buildDeskWhenChanged() !== 0) throw new Error('De meldbalie bouwen mislukte (zie hierboven).');
}
