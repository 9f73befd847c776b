import { sniffDocument } from '@app/documents';
import { csv, exe, html, pdf, png } from '../../../test/documents/files';

describe('what a document is, told by its bytes', () => {
  it.each([
    ['a PDF', pdf(), 'application/pdf'],
    ['a PNG image', png(), 'image/png'],
    ['a CSV', csv(), 'text/csv'],
  ])('accepts %s', async (_, bytes, mediaType) => {
    expect(await sniffDocument(bytes)).toEqual({ ok: true, mediaType, label: expect.any(String) });
  });

  it.each([
    ['a Windows executable', exe()],
    ['an HTML page (which could script the browser that opens it)', html()],
    ['plain text that is not comma-separated', Buffer.from('just a note\nwith lines\n')],
    ['text with control characters', Buffer.from('a,b\u0001,c\n')],
    ['bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0x2c, 0x00, 0xc3])],
  ])('refuses %s', async (_, bytes) => {
    expect((await sniffDocument(bytes)).ok).toBe(false);
  });

  it('names what it found when it refuses a known format', async () => {
    expect(await sniffDocument(exe())).toEqual({ ok: false, found: 'application/x-msdownload' });
  });
});
