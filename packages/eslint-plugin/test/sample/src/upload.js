import OSS from 'ali-oss';

const client = new OSS({ region: 'oss-cn-hangzhou', bucket: 'examplebucket' });

export async function thumbnail(name) {
  // not a processing string: the product is missing
  await client.processObjectSave(name, `thumbs/${name}`, 'resize,w_100');
  return client.signatureUrl(name, { expires: 600, process: 'image/resize,w_100/quality,q_101' });
}
