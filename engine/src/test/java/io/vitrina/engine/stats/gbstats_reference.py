"""Reference figures for RatioTest, RegressionAdjustedTest, TwoSidedTestTest and SampleRatioTest:
gbstats itself run on the same sums (the datasets are drawn with the same LCG as Lcg.java, so both
sides see bit-identical per-shopper values).

Usage: GBSTATS=<growthbook checkout>/packages/stats python3 gbstats_reference.py
(needs numpy, scipy, pydantic; pandas is only imported by gbstats' result models, and a stub
module named pandas with `DataFrame = object` on PYTHONPATH is enough).
"""
import os
import sys

sys.path.insert(0, os.environ["GBSTATS"])
from gbstats.frequentist.tests import TwoSidedTTest, FrequentistConfig, SequentialTwoSidedTTest, SequentialConfig
from gbstats.models.statistics import *
from gbstats.utils import check_srm
M=(1<<64)-1
A=6364136223846793005; C=1442695040888963407
class Lcg:
    def __init__(s,seed): s.x=seed & M
    def next(s):
        s.x=(s.x*A+C)&M
        return (s.x>>11)/2.0**53
def show(name,r):
    print(name, repr(r.expected), r.ci, r.uplift.stddev, repr(r.pValue), r.errorMessage)
def run(a,b,label,seq=None):
    for dt in ['absolute','relative']:
        t=TwoSidedTTest([(a,b)],FrequentistConfig(difference_type=dt))
        show(label+' '+dt,t.compute_result()); print('  dof',t.dof)
    if seq:
        t=SequentialTwoSidedTTest([(a,b)],SequentialConfig(difference_type='relative',sequential_tuning_parameter=seq))
        show(label+' seq rel',t.compute_result())
# ratio: revenue / orders
def ratio_arm(seed,n):
    g=Lcg(seed); num=[];den=[]
    for i in range(n):
        orders=int(g.next()*3.2); u=g.next()
        den.append(float(orders)); num.append(orders*(500+1500*u))
    return num,den
def ratio_stat(num,den):
    n=len(num)
    return RatioStatistic(n=n,m_statistic=SampleMeanStatistic(n=n,sum=sum(num),sum_squares=sum(x*x for x in num)),
        d_statistic=SampleMeanStatistic(n=n,sum=sum(den),sum_squares=sum(x*x for x in den)),m_d_sum_of_products=sum(x*y for x,y in zip(num,den)))
a=ratio_stat(*ratio_arm(11,400)); b=ratio_stat(*ratio_arm(12,400))
print('ratio means',a.mean,b.mean,a.variance,b.variance)
run(a,b,'ratio')
def cuped_arm(seed,n,lift):
    g=Lcg(seed); post=[];pre=[]
    for i in range(n):
        p=1000*g.next(); q=0.7*p+400*g.next()+lift
        pre.append(p); post.append(q)
    return post,pre
def ra_stat(post,pre):
    n=len(post)
    return RegressionAdjustedStatistic(n=n,post_statistic=SampleMeanStatistic(n=n,sum=sum(post),sum_squares=sum(x*x for x in post)),
      pre_statistic=SampleMeanStatistic(n=n,sum=sum(pre),sum_squares=sum(x*x for x in pre)),post_pre_sum_of_products=sum(x*y for x,y in zip(post,pre)),theta=None)
a=ra_stat(*cuped_arm(21,300,0)); b=ra_stat(*cuped_arm(22,300,30))
print('theta',compute_theta(a,b))
run(a,b,'cuped',seq=5000)
run(a.post_statistic,b.post_statistic,'cuped-unadjusted')
# gbstats own RA df
a=RegressionAdjustedStatistic(n=3001,post_statistic=SampleMeanStatistic(n=3001,sum=300,sum_squares=600),pre_statistic=SampleMeanStatistic(n=3001,sum=210,sum_squares=415),post_pre_sum_of_products=-20,theta=None)
b=RegressionAdjustedStatistic(n=3000,post_statistic=SampleMeanStatistic(n=3000,sum=222,sum_squares=555),pre_statistic=SampleMeanStatistic(n=3000,sum=120,sum_squares=405),post_pre_sum_of_products=-10,theta=None)
run(a,b,'gb-ra')
a=RegressionAdjustedStatistic(n=3001,post_statistic=ProportionStatistic(n=3001,sum=300),pre_statistic=ProportionStatistic(n=3001,sum=210),post_pre_sum_of_products=-20,theta=None)
b=RegressionAdjustedStatistic(n=3000,post_statistic=ProportionStatistic(n=3000,sum=222),pre_statistic=ProportionStatistic(n=3000,sum=120),post_pre_sum_of_products=-10,theta=None)
run(a,b,'gb-ra-prop')
# gbstats own ratio
a=RatioStatistic(n=100,m_statistic=SampleMeanStatistic(n=100,sum=270,sum_squares=848.79),d_statistic=SampleMeanStatistic(n=100,sum=510,sum_squares=810),m_d_sum_of_products=-900)
b=RatioStatistic(n=120,m_statistic=SampleMeanStatistic(n=120,sum=300,sum_squares=869),d_statistic=SampleMeanStatistic(n=120,sum=500,sum_squares=800),m_d_sum_of_products=-905)
run(a,b,'gb-ratio')
# sequential RA from tests
a=RegressionAdjustedStatistic(n=3000,post_statistic=SampleMeanStatistic(sum=1396.87, sum_squares=52377.9767, n=3000),pre_statistic=SampleMeanStatistic(sum=16.87, sum_squares=527.9767, n=3000),post_pre_sum_of_products=1,theta=None)
b=RegressionAdjustedStatistic(n=3461,post_statistic=SampleMeanStatistic(sum=2422.7, sum_squares=134698.29, n=3461),pre_statistic=SampleMeanStatistic(sum=22.7, sum_squares=1348.29, n=3461),post_pre_sum_of_products=1,theta=None)
show('gb-seq-ra', SequentialTwoSidedTTest([(a,b)]).compute_result())
a=SampleMeanStatistic(sum=1396.87, sum_squares=52377.9767, n=3000); b=SampleMeanStatistic(sum=2422.7, sum_squares=134698.29, n=3461)
show('gb-seq-mean-1000', SequentialTwoSidedTTest([(a,b)],SequentialConfig(sequential_tuning_parameter=1000)).compute_result())
show('gb-seq-prop', SequentialTwoSidedTTest([(ProportionStatistic(sum=1396,n=3000),ProportionStatistic(sum=2422,n=3461))]).compute_result())
for users,w in [([5000,5200],[0.5,0.5]),([5000,5100,4800],[1,1,1]),([10000,10470],[.5,.5]),([10000,10480],[.5,.5]),([3000,7000],[0.3,0.7]),([0,0],[.5,.5])]:
    print('srm',users,w,repr(check_srm(users,w)))
# alpha 0.1, fixed and sequential, on the means of gbstats' test_tests.py
a=SampleMeanStatistic(sum=1396.87, sum_squares=52377.9767, n=3407); b=SampleMeanStatistic(sum=2422.7, sum_squares=134698.29, n=3461)
show('alpha-0.1', TwoSidedTTest([(a,b)],FrequentistConfig(difference_type='absolute',alpha=0.1)).compute_result())
show('alpha-0.1 seq', SequentialTwoSidedTTest([(a,b)],SequentialConfig(difference_type='absolute',alpha=0.1,sequential_tuning_parameter=5000)).compute_result())
