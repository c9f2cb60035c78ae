import { resolveTestKuboBinary } from './test/harness/kubo-binary';
import { benchListBigFolder } from './test/bench/files-list';
console.log(JSON.stringify(await benchListBigFolder(resolveTestKuboBinary(), process.argv.includes('--quick')), null, 1));
