import statistics
from statistics import mean, median, mode

scores = [88, 92, 79, 93, 85, 92, 70]
print(mean(scores), median(scores), mode(scores))
print(statistics.median([1, 3, 5, 7]), statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]))
print(round(statistics.stdev(scores), 4), round(statistics.pstdev(scores), 4))
print(round(statistics.variance(scores), 4), statistics.pvariance([1, 2, 3, 4]))
print(statistics.multimode("aabbc"), statistics.fmean([1, 2, 3.5]), mean([1.5, 2.5]))
print(statistics.quantiles(range(1, 11), n=4), statistics.harmonic_mean([40, 60]))
print(statistics.geometric_mean([1, 10, 100]), mean([1, 2, 3, 4]))
try:
    mean([])
except statistics.StatisticsError as error:
    print("StatisticsError:", error)
print(f"average {mean(scores):.2f}, spread {max(scores) - min(scores)}")
