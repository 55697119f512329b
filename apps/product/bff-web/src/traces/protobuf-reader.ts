/** A decoding error: the request body is not the protobuf it claims to be. */
export class MalformedProtobufError extends Error {
  readonly code = 'TRACES.MALFORMED_PROTOBUF';
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/**
 * Reads the protobuf wire format field by field: just enough to walk OTLP messages without a
 * schema compiler. Unknown fields are skipped, as protobuf requires, so newer exporters that
 * add fields still decode.
 */
export class ProtobufReader {
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Calls `onField` for each field; it must consume the value it wants via `reader`, or return false to skip. */
  forEachField(onField: (field: number, wireType: number, reader: ProtobufReader) => boolean): void {
    while (this.position < this.bytes.length) {
      const tag = Number(this.varint());
      const field = tag >>> 3;
      const wireType = tag & 7;
      if (field === 0) throw new MalformedProtobufError('field number 0');
      if (!onField(field, wireType, this)) this.skip(wireType);
    }
  }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.byte();
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new MalformedProtobufError('varint longer than 10 bytes');
  }

  fixed64(): bigint {
    return this.view8().getBigUint64(0, true);
  }

  double(): number {
    return this.view8().getFloat64(0, true);
  }

  bytesField(): Uint8Array {
    return this.take(Number(this.varint()));
  }

  string(): string {
    return Buffer.from(this.bytesField()).toString('utf8');
  }

  message(): ProtobufReader {
    return new ProtobufReader(this.bytesField());
  }

  private skip(wireType: number): void {
    if (wireType === VARINT) this.varint();
    else if (wireType === FIXED64) this.take(8);
    else if (wireType === LENGTH_DELIMITED) this.bytesField();
    else if (wireType === FIXED32) this.take(4);
    else throw new MalformedProtobufError(`unsupported wire type ${wireType}`);
  }

  private view8(): DataView {
    const bytes = this.take(8);
    return new DataView(bytes.buffer, bytes.byteOffset, 8);
  }

  private byte(): number {
    if (this.position >= this.bytes.length) throw new MalformedProtobufError('truncated message');
    return this.bytes[this.position++];
  }

  private take(length: number): Uint8Array {
    if (length < 0 || this.position + length > this.bytes.length) throw new MalformedProtobufError('truncated message');
    const slice = this.bytes.slice(this.position, this.position + length);
    this.position += length;
    return slice;
  }
}
