export async function GET() {
for (const x0 of xs) {
for (const x1 of xs) {
for (const x2 of xs) {
for (const x3 of xs) {
for (const x4 of xs) {
for (const x5 of xs) {
for (const x6 of xs) {
for (const x7 of xs) {
for (const x8 of xs) {
for (const x9 of xs) {
for (const x10 of xs) {
for (const x11 of xs) {
for (const x12 of xs) {
for (const x13 of xs) {
for (const x14 of xs) {
for (const x15 of xs) {
for (const x16 of xs) {
for (const x17 of xs) {
for (const x18 of xs) {
for (const x19 of xs) {
for (const x20 of xs) {
for (const x21 of xs) {
for (const x22 of xs) {
for (const x23 of xs) {
for (const x24 of xs) {
for (const x25 of xs) {
for (const x26 of xs) {
for (const x27 of xs) {
for (const x28 of xs) {
for (const x29 of xs) {
for (const x30 of xs) {
for (const x31 of xs) {
for (const x32 of xs) {
for (const x33 of xs) {
for (const x34 of xs) {
for (const x35 of xs) {
for (const x36 of xs) {
for (const x37 of xs) {
for (const x38 of xs) {
for (const x39 of xs) {
await prisma.user.count()
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
