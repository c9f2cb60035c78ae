export const filesRequests = {};

export type FilesResponses = object;
