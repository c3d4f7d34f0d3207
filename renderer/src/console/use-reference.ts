import { adminApi } from './admin-client';
import { useLoad } from './use-load';

/** A port's reference data, as HQ holds it now (every version). */
export const useReference = (portId: string) => useLoad(() => adminApi.reference(portId), `reference:${portId}`);
