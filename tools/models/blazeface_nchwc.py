#!/usr/bin/env python3
"""Derives blazeface-front-256-nchwc.onnx from the shipped blazeface-front-256.onnx, once, by hand.

Not part of the build and needs nothing but Python 3's standard library (it reads and writes the ONNX protobuf
wire format itself). The network computes the same function; only its layout changes, so that ONNX Runtime's
NCHWc transformer (AVX2/AVX-512 blocks of 8 or 16 channels) can keep the whole network in its blocked layout:

1. The first two stages' 24 channels become 32: every weight and bias with 24 output (or input) channels is
   zero-padded to 32 and the depthwise convolutions' group goes from 24 to 32. The added channels are exactly
   zero everywhere (zero filters, zero bias, ReLU(0) = 0, zero weights reading them). With 24 channels the max
   poolings and the residual adds could not be blocked, and ONNX Runtime reordered the tensors to and from the
   blocked layout around every residual add of those stages.
2. The two channel paddings of the residual path (TF.js's `Pad` of the max pooling's output, 24 -> 48 and
   48 -> 96 channels) become 1x1 convolutions with identity weights (32 -> 48 and 48 -> 96; the extra output
   channels zero): ONNX Runtime has no blocked `Pad`, and the unblocked residual kept every later stage's adds
   out of the blocked convolutions too.
3. With 'nchw' as the third argument, the converter's leading Transpose (NHWC -> NCHW) goes and the input
   `input` becomes float32 [1,3,256,256]: the caller letterboxes straight into planes.

Usage: tools/models/blazeface_nchwc.py blazeface-front-256.onnx blazeface-front-256-nchwc.onnx nchw
BlazeFaceDetectorTest checks on the test photos that both models find the same faces.
"""
import itertools
import struct
import sys


def varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7f) << s
        s += 7
        if c < 0x80:
            return r, i


def enc_varint(v):
    if v < 0:
        v += 1 << 64
    out = bytearray()
    while True:
        c = v & 0x7f
        v >>= 7
        if v:
            out.append(c | 0x80)
        else:
            out.append(c)
            return bytes(out)


def parse(b):
    """A message as a list of [field number, wire type, value] (value: int or bytes)."""
    i, out = 0, []
    while i < len(b):
        k, i = varint(b, i)
        f, t = k >> 3, k & 7
        if t == 0:
            v, i = varint(b, i)
        elif t == 1:
            v, i = b[i:i + 8], i + 8
        elif t == 5:
            v, i = b[i:i + 4], i + 4
        elif t == 2:
            n, i = varint(b, i)
            v, i = bytes(b[i:i + n]), i + n
        else:
            raise ValueError("wire type %d" % t)
        out.append([f, t, v])
    return out


def ser(fields):
    out = bytearray()
    for f, t, v in fields:
        out += enc_varint((f << 3) | t)
        if t == 0:
            out += enc_varint(v)
        elif t in (1, 5):
            out += v
        else:
            out += enc_varint(len(v)) + v
    return bytes(out)


def get(fields, number):
    return [x[2] for x in fields if x[0] == number]


# ONNX field numbers used below
MODEL_GRAPH = 7
GRAPH_NODE, GRAPH_INITIALIZER, GRAPH_INPUT = 1, 5, 11
NODE_INPUT, NODE_OUTPUT, NODE_NAME, NODE_OP, NODE_ATTRIBUTE = 1, 2, 3, 4, 5
ATTR_NAME, ATTR_INT = 1, 3
TENSOR_DIMS, TENSOR_TYPE, TENSOR_NAME, TENSOR_RAW = 1, 2, 8, 9
FLOAT = 1
FROM, TO = 24, 32


def tensor(name, dims, values):
    return ser([[TENSOR_DIMS, 0, d] for d in dims] + [[TENSOR_TYPE, 0, FLOAT], [TENSOR_NAME, 2, name.encode()],
                                                       [TENSOR_RAW, 2, struct.pack('<%df' % len(values), *values)]])


def zero_padded(values, dims, new_dims):
    def strides(shape):
        s = [1] * len(shape)
        for k in range(len(shape) - 2, -1, -1):
            s[k] = s[k + 1] * shape[k + 1]
        return s
    old, new = strides(dims), strides(new_dims)
    size = 1
    for d in new_dims:
        size *= d
    out = [0.0] * size
    for index in itertools.product(*[range(d) for d in dims]):
        out[sum(i * s for i, s in zip(index, new))] = values[sum(i * s for i, s in zip(index, old))]
    return out


def derive(model, nchw_input):
    m = parse(model)
    g_at = [i for i, x in enumerate(m) if x[0] == MODEL_GRAPH][0]
    g = parse(m[g_at][2])
    initializers = {get(parse(x[2]), TENSOR_NAME)[0].decode(): parse(x[2]) for x in g if x[0] == GRAPH_INITIALIZER}

    # 1. 24 channels -> 32
    for x in g:
        if x[0] != GRAPH_INITIALIZER:
            continue
        t = parse(x[2])
        dims, raw = get(t, TENSOR_DIMS), get(t, TENSOR_RAW)
        if get(t, TENSOR_TYPE)[0] != FLOAT or not dims or not raw:
            continue
        new = list(dims)
        if dims[0] == FROM:
            new[0] = TO
        if len(dims) == 4 and dims[1] == FROM:
            new[1] = TO
        if new != dims:
            values = struct.unpack('<%df' % (len(raw[0]) // 4), raw[0])
            x[2] = tensor(get(t, TENSOR_NAME)[0].decode(), new, zero_padded(values, dims, new))

    added, dropped = [], set()
    for x in g:
        if x[0] != GRAPH_NODE:
            continue
        n = parse(x[2])
        op = get(n, NODE_OP)[0]
        if op == b'Conv':
            for a in n:
                if a[0] == NODE_ATTRIBUTE:
                    attribute = parse(a[2])
                    if get(attribute, ATTR_NAME)[0] == b'group' and get(attribute, ATTR_INT)[0] == FROM:
                        for f in attribute:
                            if f[0] == ATTR_INT:
                                f[2] = TO
                        a[2] = ser(attribute)
        elif op == b'Pad':
            # 2. channel padding -> identity 1x1 convolution
            data, pads_name = [v.decode() for v in get(n, NODE_INPUT)[:2]]
            raw = get(initializers[pads_name], TENSOR_RAW)[0]
            pads = struct.unpack('<%dq' % (len(raw) // 8), raw)
            if len(pads) != 8 or any(pads[i] for i in (0, 1, 2, 3, 4, 6, 7)):
                raise ValueError("expected a Pad of channels at their end only, got " + str(pads))
            channels_in = TO if 'max_pooling2d_1/' in data else 2 * FROM
            channels_out = 2 * FROM if channels_in == TO else 2 * channels_in
            weights_name = pads_name.replace('/pads', '/identity')
            weights = [0.0] * (channels_out * channels_in)
            for c in range(channels_in):
                weights[c * channels_in + c] = 1.0
            added.append([GRAPH_INITIALIZER, 2, tensor(weights_name, [channels_out, channels_in, 1, 1], weights)])
            dropped.add(pads_name.encode())
            n = [[NODE_INPUT, 2, data.encode()], [NODE_INPUT, 2, weights_name.encode()]] \
                + [f for f in n if f[0] in (NODE_OUTPUT, NODE_NAME)] + [[NODE_OP, 2, b'Conv']]
        x[2] = ser(n)
    g = [x for x in g if not (x[0] == GRAPH_INITIALIZER and get(parse(x[2]), TENSOR_NAME)[0] in dropped)] + added

    if nchw_input:
        # 3. NCHW input
        out = []
        for x in g:
            if x[0] == GRAPH_NODE:
                n = parse(x[2])
                if get(n, NODE_OP)[0] == b'Transpose' and get(n, NODE_INPUT)[0] == b'input':
                    continue
                for f in n:
                    if f[0] == NODE_INPUT and f[2] == b'input_nchw':
                        f[2] = b'input'
                x[2] = ser(n)
            elif x[0] == GRAPH_INPUT and get(parse(x[2]), 1)[0] == b'input':
                dims = b''.join(ser([[1, 2, ser([[1, 0, d]])]]) for d in (1, 3, 256, 256))
                x[2] = ser([[1, 2, b'input'], [2, 2, ser([[1, 2, ser([[1, 0, FLOAT], [2, 2, dims]])]])]])
            out.append(x)
        g = out
    m[g_at][2] = ser(g)
    return ser(m)


if __name__ == '__main__':
    with open(sys.argv[1], 'rb') as f:
        derived = derive(f.read(), len(sys.argv) > 3 and sys.argv[3] == 'nchw')
    with open(sys.argv[2], 'wb') as f:
        f.write(derived)
