/**
 * Protocol Buffers wire format of Google Authenticator's MigrationPayload (its google_auth.proto, as
 * published by Aegis and extract_otp_secrets), read and written field by field with
 * @bufbuild/protobuf's BinaryReader/BinaryWriter: no generated code and no eval, so it runs in an MV3
 * service worker.
 *
 *   message MigrationPayload {
 *     repeated OtpParameters otp_parameters = 1;
 *     int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
 *   }
 *   message OtpParameters {
 *     bytes secret = 1; string name = 2; string issuer = 3;
 *     Algorithm algorithm = 4;   // 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
 *     DigitCount digits = 5;     // 0 unspecified, 1 six, 2 eight
 *     OtpType type = 6;          // 0 unspecified, 1 HOTP, 2 TOTP
 *     int64 counter = 7;
 *   }
 */
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

export const ALGORITHM = { UNSPECIFIED: 0, SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 } as const;
export const DIGIT_COUNT = { UNSPECIFIED: 0, SIX: 1, EIGHT: 2 } as const;
export const OTP_TYPE = { UNSPECIFIED: 0, HOTP: 1, TOTP: 2 } as const;

export interface OtpParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

export interface MigrationPayload {
  /** each OtpParameters still encoded, so one damaged entry does not sink the others */
  otpParameters: Uint8Array[];
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

/** Thrown for bytes that are not this message; callers turn it into a WardError. */
export class MalformedPayload extends Error {}

function expect(actual: WireType, wanted: WireType, field: number): void {
  if (actual !== wanted) throw new MalformedPayload(`field ${field} has the wrong wire type`);
}

/** Fields of a MigrationPayload; unknown fields are skipped (proto3 rules), scalars last-one-wins. */
export function decodePayload(bytes: Uint8Array): MigrationPayload {
  const r = new BinaryReader(bytes);
  const out: MigrationPayload = { otpParameters: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    switch (field) {
      case 1:
        expect(wire, WireType.LengthDelimited, field);
        out.otpParameters.push(r.bytes());
        break;
      case 2:
      case 3:
      case 4:
      case 5: {
        expect(wire, WireType.Varint, field);
        const value = r.int32();
        if (field === 2) out.version = value;
        else if (field === 3) out.batchSize = value;
        else if (field === 4) out.batchIndex = value;
        else out.batchId = value;
        break;
      }
      default:
        r.skip(wire, field);
    }
  }
  return out;
}

/** Fields of one OtpParameters message. Strings are decoded leniently (U+FFFD for bad UTF-8). */
export function decodeOtpParameters(bytes: Uint8Array): OtpParameters {
  const r = new BinaryReader(bytes);
  const out: OtpParameters = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    switch (field) {
      case 1:
        expect(wire, WireType.LengthDelimited, field);
        out.secret = r.bytes();
        break;
      case 2:
        expect(wire, WireType.LengthDelimited, field);
        out.name = r.string();
        break;
      case 3:
        expect(wire, WireType.LengthDelimited, field);
        out.issuer = r.string();
        break;
      case 4:
      case 5:
      case 6: {
        expect(wire, WireType.Varint, field);
        const value = r.int32();
        if (field === 4) out.algorithm = value;
        else if (field === 5) out.digits = value;
        else out.type = value;
        break;
      }
      case 7:
        expect(wire, WireType.Varint, field);
        out.counter = BigInt(r.int64());
        break;
      default:
        r.skip(wire, field);
    }
  }
  return out;
}

/** Bytes of one OtpParameters message (every field written, as Google Authenticator does). */
export function encodeOtpParameters(p: OtpParameters): Uint8Array {
  const w = new BinaryWriter();
  w.tag(1, WireType.LengthDelimited).bytes(p.secret);
  w.tag(2, WireType.LengthDelimited).string(p.name);
  w.tag(3, WireType.LengthDelimited).string(p.issuer);
  w.tag(4, WireType.Varint).int32(p.algorithm);
  w.tag(5, WireType.Varint).int32(p.digits);
  w.tag(6, WireType.Varint).int32(p.type);
  w.tag(7, WireType.Varint).int64(p.counter);
  return w.finish();
}

/** Bytes of a MigrationPayload around already-encoded OtpParameters messages. */
export function encodePayload(p: MigrationPayload): Uint8Array {
  const w = new BinaryWriter();
  for (const otp of p.otpParameters) w.tag(1, WireType.LengthDelimited).bytes(otp);
  w.tag(2, WireType.Varint).int32(p.version);
  w.tag(3, WireType.Varint).int32(p.batchSize);
  w.tag(4, WireType.Varint).int32(p.batchIndex);
  w.tag(5, WireType.Varint).int32(p.batchId);
  return w.finish();
}
