// Submitting transcoding tasks from Node (ali-oss): the processing strings are checked where they are written.
import OSS from 'ali-oss';

const client = new OSS({ region: 'oss-cn-hangzhou', bucket: 'examplebucket' });
const target = Buffer.from('out/{autoext}').toString('base64url');

export async function transcode(source: string, width: number): Promise<void> {
  // `${width}` is not known here: the checker skips that word and checks the rest
  const process = `video/convert,f_mp4,vcodec_h264,s_${width}x720,acodec_aac,ab_128000,aq_90|sys/saveas,o_${target}`;
  await client.processObjectSave(source, 'out.mp4', process);
  // an unknown action and a quality over 100
  await client.processObjectSave(source, 'thumb.jpg', 'image/resise,w_100/quality,q_120');
}
