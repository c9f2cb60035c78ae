import type { Binding, IpnsKey, IpnsRecordInfo } from '../../../shared/ipc/contract';
import type { SliceCreator } from '../../app/store';

export interface IpnsSlice {
  /** Null until the node has listed its keys once. */
  ipnsKeys: IpnsKey[] | null;
  /** Each key's record as last read, by key ID. */
  ipnsRecords: Record<string, IpnsRecordInfo>;
  ipnsBindings: Binding[];
  /** What the publish form holds: typed, or handed over by Files or Share. */
  publishValue: string;
  setIpnsKeys: (keys: IpnsKey[]) => void;
  setIpnsRecord: (record: IpnsRecordInfo) => void;
  setIpnsBindings: (bindings: Binding[]) => void;
  setPublishValue: (value: string) => void;
}

export const createIpnsSlice: SliceCreator<IpnsSlice> = (set) => ({
  ipnsKeys: null,
  ipnsRecords: {},
  ipnsBindings: [],
  publishValue: '',
  setIpnsKeys: (ipnsKeys) => set({ ipnsKeys }),
  setIpnsRecord: (record) => set((state) => ({ ipnsRecords: { ...state.ipnsRecords, [record.name]: record } })),
  setIpnsBindings: (ipnsBindings) => set({ ipnsBindings }),
  setPublishValue: (publishValue) => set({ publishValue }),
});
