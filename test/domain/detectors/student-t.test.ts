import { logGamma, normalQuantile, studentTCdf, studentTQuantile } from '../../../server/domain/detectors/cyberstride/student-t';

describe('Student-t helpers', () => {
  test.each([
    // dof, p, quantile (standard tables)
    [1, 0.95, 6.313752],
    [2, 0.95, 2.919986],
    [5, 0.95, 2.015048],
    [10, 0.95, 1.812461],
    [30, 0.975, 2.042272],
    [3.5, 0.95, 2.222433],
    [1e6, 0.95, 1.644855],
  ])('t quantile, %d dof, p = %d', (dof, p, expected) => {
    expect(studentTQuantile(p, dof)).toBeCloseTo(expected, 5);
    expect(studentTQuantile(1 - p, dof)).toBeCloseTo(-expected, 5);
    expect(studentTCdf(expected, dof)).toBeCloseTo(p, 6);
  });

  test('normal quantile and log gamma', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 10);
  });
});
