// Display names in, stored level codes counted: the key is a chain of string methods.
const LEVEL_NAMES = ['Beginner', 'Letter', 'Word', 'Paragraph', 'Story'];

export async function levelChart(subject: string) {
  const chart = await Promise.all(
    LEVEL_NAMES.map(async (name) => {
      const count = await prisma.assessment.count({
        where: { subject, level: name.toLowerCase().replace(/\s+/g, '_') },
      });
      return { name, count };
    })
  );
  return chart;
}
