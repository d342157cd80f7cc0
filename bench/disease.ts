/**
 * Disease reporting on the full demo county (`withDemoCounty`: DATABASE_URL's when it holds one, else generated into a
 * throw-away database first): missed-report detection over a year of visits, disease ranking for a year, both again
 * with a million synthetic visits added for the year (rolled back afterwards), then the
 * visit intake rates through the HTTP API (batches of 500) and file import. The intake section runs last because it
 * adds visits to the county. Run: npm run bench disease
 */
import { withDemoCounty } from './_demo-county.ts';
import { markdownTable } from './_measure.ts';
import { benchVisitIntake } from './_disease-intake.ts';
// Sections of the report-card part (漏报) and of the deaths/ranking part (疾病谱).
import { benchMissedReports } from './_disease-missed.ts';
import { benchDiseaseRanking } from './_disease-ranking.ts';
// The same two at a real county's volume: a year of a million synthetic visits, rolled back afterwards.
import { benchDiseaseAtVolume } from './_disease-volume.ts';

await withDemoCounty('disease', async (handle, kind) => {
  const rows = [...(await benchMissedReports(handle)), ...(await benchDiseaseRanking(handle)), ...(await benchDiseaseAtVolume(handle)), ...(await benchVisitIntake(handle))];
  console.log(`\n疾病报告（${kind}，完整演示县）\n`);
  console.log(markdownTable(['测量', '结果', '目标', '结论'], rows));
});
