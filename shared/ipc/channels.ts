/**
 * The names alone, without schemas, so that the preload bundle stays tiny. `contract.ts` checks at
 * compile time that this list and the schema map name the same channels.
 */
export const channelNames = [
  // node
  'node.status',
  'node.restart',
  'node.stats',
  'node.use',
  'node.gc',
  'node.testConnection',
  'node.saveProfile',
  'node.removeProfile',
  'node.choosePath',
  // uploads
  'uploads.list',
  'uploads.enqueue',
  'uploads.cancel',
  'uploads.retry',
  'uploads.clear',
  // files: browser (MFS)
  'files.list',
  'files.stat',
  'files.mkdir',
  'files.move',
  'files.remove',
  'files.sizes',
  'files.export',
  'files.choose',
  // share
  'share.checkGateway',
  // verify
  'verify.inspectOnNode',
  'verify.local',
  'verify.sources',
  'verify.fetch',
  // ipns
  'ipns.keys',
  'ipns.createKey',
  'ipns.renameKey',
  'ipns.removeKey',
  'ipns.exportKey',
  'ipns.importKey',
  'ipns.publish',
  'ipns.inspect',
  'ipns.resolve',
  'ipns.importToFiles',
  'ipns.bindings',
  'ipns.bind',
  'ipns.unbind',
  'ipns.retryBinding',
  // pins
  'pins.listLocal',
  'pins.localNames',
  'pins.localSize',
  'pins.addLocal',
  'pins.removeLocal',
  'pins.saveService',
  'pins.removeService',
  'pins.testService',
  'pins.registerWithKubo',
  'pins.requestRemote',
  'pins.requests',
  'pins.recheckPinned',
  'pins.retryRequest',
  'pins.removeRequest',
  'pins.listRemote',
  'pins.removeRemote',
  'pins.replaceRemote',
  // keep
  'keep.status',
  'keep.rows',
  'keep.onNode',
  'keep.recheck',
  'keep.gcPreview',
  'keep.uploadPins',
  'keep.afterUnpin',
  // app
  'app.about',
  'app.diagnostics',
  'app.openLogsFolder',
  'settings.get',
  'settings.update',
  'settings.secretProtection',
  'storage.problems',
  'clipboard.writeText',
  'shell.openExternal',
] as const;

export type Channel = (typeof channelNames)[number];

export const eventNames = [
  'op.progress',
  'node.changed',
  'uploads.changed',
  'settings.changed',
  'app.openLink',
  'storage.problem',
  'ipns.bindingsChanged',
  'files.changed',
  'files.listBatch',
  'pins.localBatch',
  'pins.localNames',
  'pins.requestsChanged',
  'verify.sourceVerdict',
  'keep.changed',
] as const;

export type EventName = (typeof eventNames)[number];

export function isChannel(value: string): value is Channel {
  return (channelNames as readonly string[]).includes(value);
}

export function isEventName(value: string): value is EventName {
  return (eventNames as readonly string[]).includes(value);
}
