import { z } from '../zodMini';
import { METRIC_IDS } from './metricCatalog';

// A metric id as a boundary checks it (a sample's numbers, a settings binding, a command): its own file, so
// the content script's imports of the catalogue never carry zod.

export const metricIdSchema = z.enum(METRIC_IDS);
