import time

start = time.perf_counter()
time.sleep(0.01)
elapsed = time.perf_counter() - start
print(elapsed >= 0.009, type(elapsed).__name__)
now = time.time()
print(isinstance(now, float), now > 1_600_000_000)
print(time.monotonic() <= time.monotonic())
epoch = time.gmtime(0)
print(epoch.tm_year, epoch.tm_mon, epoch.tm_mday, epoch.tm_wday, epoch.tm_yday)
print(time.strftime("%Y-%m-%d %H:%M:%S", epoch))
print(time.strftime("%a, %d %b %Y", time.gmtime(86400 * 365)))
parsed = time.strptime("30 Nov 2023", "%d %b %Y")
print(parsed.tm_year, parsed.tm_mon, parsed.tm_mday, parsed.tm_yday)
print(time.asctime(time.gmtime(1_000_000_000)))
t0 = time.process_time()
total = sum(i * i for i in range(10000))
print(total, time.process_time() >= t0, time.time_ns() > 0)
