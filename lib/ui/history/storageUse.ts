// The storage the extension's origin uses, for the sessions page's retention settings.

export interface StorageUse {
  usage: number;
  quota: number;
}

/** Storage used by the extension's origin, where the browser can tell. */
export async function estimateStorage(
  storage: Pick<StorageManager, 'estimate'> | undefined = globalThis.navigator?.storage,
): Promise<StorageUse | null> {
  if (!storage?.estimate) return null;
  try {
    const { usage, quota } = await storage.estimate();
    return usage === undefined || quota === undefined ? null : { usage, quota };
  } catch {
    return null;
  }
}
